package org.signpost.bot.focusgroup;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.focusgroup.Session;

/** The session form's fields as typed, and the session they describe (or why they describe none). */
record SessionForm(Map<String, String> fields) {

    static final List<String> NAMES = List.of("title", "audience", "date", "time", "length", "place", "capacity",
            "facilitators", "firstAider", "guide", "retention");

    static SessionForm of(Map<String, String> submitted) {
        Map<String, String> fields = new LinkedHashMap<>();
        NAMES.forEach(name -> fields.put(name, submitted.getOrDefault(name, "")));
        return new SessionForm(fields);
    }

    static SessionForm of(Session session) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", session.title());
        fields.put("audience", session.audience().orElse(""));
        fields.put("date", session.start().toLocalDate().toString());
        fields.put("time", session.start().toLocalTime().toString());
        fields.put("length", Long.toString(session.length().toMinutes()));
        fields.put("place", session.place());
        fields.put("capacity", Integer.toString(session.capacity()));
        fields.put("facilitators", String.join("\n", session.facilitators()));
        fields.put("firstAider", session.firstAider());
        fields.put("guide", String.join("\n", session.guide()));
        fields.put("retention", Long.toString(session.retention().toDays()));
        return new SessionForm(fields);
    }

    static SessionForm blank(Optional<String> audience, List<String> guide) {
        Map<String, String> fields = new LinkedHashMap<>();
        NAMES.forEach(name -> fields.put(name, ""));
        fields.put("audience", audience.orElse(""));
        fields.put("time", "14:00");
        fields.put("length", "90");
        fields.put("capacity", "8");
        fields.put("guide", String.join("\n", guide));
        fields.put("retention", Long.toString(Session.DEFAULT_RETENTION.toDays()));
        return new SessionForm(fields);
    }

    /** A new draft; an {@link IllegalArgumentException} when a field is missing or out of range. */
    Session draft() {
        try {
            return Session.draft(get("title"), Optional.of(get("audience")),
                    LocalDate.parse(get("date")).atTime(LocalTime.parse(get("time"))),
                    Duration.ofMinutes(Long.parseLong(get("length"))), get("place"), Integer.parseInt(get("capacity")),
                    lines("facilitators"), get("firstAider"), lines("guide"),
                    Duration.ofDays(Long.parseLong(get("retention"))));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("A date, time or number that cannot be read");
        }
    }

    String get(String name) {
        return fields.getOrDefault(name, "").strip();
    }

    private List<String> lines(String name) {
        return Arrays.stream(get(name).split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
