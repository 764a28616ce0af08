package org.signpost.dialogs.focusgroup;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A focus group: who it is for, when and where, how many places, who runs it, the questions of its
 * discussion guide, how long its sign-ups are kept after it ends, and, once it has been held, its key
 * points (no names). It holds nothing about the people who signed up.
 *
 * @param audience   empty for everyone, or the group it is for (e.g. an under-represented group)
 * @param start      date and time, in the session's zone (Europe/London by default)
 * @param place      a room, or a Teams meeting link
 * @param retention  how long sign-ups are kept after the session ends
 */
public record Session(String id, String title, Optional<String> audience, ZonedDateTime start, Duration length,
        String place, int capacity, List<String> facilitators, String firstAider, List<String> guide,
        Duration retention, SessionStatus status, Optional<String> keyPoints) {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int MAX_CAPACITY = 500;
    public static final int MAX_TEXT = 200;
    public static final int MAX_LONG_TEXT = 4000;
    public static final int MAX_GUIDE_QUESTIONS = 40;

    private static final Pattern ID = Pattern.compile("s-[a-z0-9]{4,32}");
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public Session {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A session id is s- and 4 to 32 lower-case letters or digits");
        }
        title = text(title, "title", MAX_TEXT, true);
        audience = audience.map(String::strip).filter(text -> !text.isEmpty());
        audience.ifPresent(text -> text(text, "audience", MAX_TEXT, true));
        if (start == null) {
            throw new IllegalArgumentException("A session needs a start");
        }
        if (length == null || length.compareTo(Duration.ofMinutes(15)) < 0 || length.compareTo(Duration.ofHours(8)) > 0) {
            throw new IllegalArgumentException("A session lasts between 15 minutes and 8 hours");
        }
        place = text(place, "place", MAX_TEXT * 5, true);
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("A session has between 1 and " + MAX_CAPACITY + " places");
        }
        facilitators = names(facilitators, "facilitator", 10);
        firstAider = firstAider == null ? "" : text(firstAider, "first aider", MAX_TEXT, false);
        guide = names(guide, "discussion guide question", MAX_GUIDE_QUESTIONS);
        if (retention == null || retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("Sign-ups are kept between 1 and 365 days after a session");
        }
        if (status == null) {
            throw new IllegalArgumentException("A session needs a status");
        }
        keyPoints = keyPoints.map(String::strip).filter(text -> !text.isEmpty());
        keyPoints.ifPresent(text -> text(text, "key points", MAX_LONG_TEXT, true));
    }

    /** A new draft with a fresh random id. */
    public static Session draft(String title, Optional<String> audience, LocalDateTime start, Duration length,
            String place, int capacity, List<String> facilitators, String firstAider, List<String> guide,
            Duration retention) {
        return new Session(newId(), title, audience, start.atZone(LONDON), length, place, capacity, facilitators,
                firstAider, guide, retention, SessionStatus.DRAFT, Optional.empty());
    }

    public static String newId() {
        StringBuilder id = new StringBuilder("s-");
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    public static boolean wellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Instant startsAt() {
        return start.toInstant();
    }

    public Instant endsAt() {
        return start.plus(length).toInstant();
    }

    /** When its sign-ups are deleted. */
    public Instant retentionEndsAt() {
        return endsAt().plus(retention);
    }

    /** Sign-ups are taken while it is open and has not started. */
    public boolean takesSignUps(Instant now) {
        return status == SessionStatus.OPEN && now.isBefore(startsAt());
    }

    public boolean held(Instant now) {
        return !now.isBefore(endsAt());
    }

    public List<SessionWarning> warnings() {
        List<SessionWarning> warnings = new ArrayList<>();
        if (facilitators.size() < 2) {
            warnings.add(SessionWarning.FEWER_THAN_TWO_FACILITATORS);
        }
        if (firstAider.isBlank()) {
            warnings.add(SessionWarning.NO_FIRST_AIDER);
        }
        return warnings;
    }

    /** New details from a facilitator; id, status and key points stay. */
    public Session edited(Session details) {
        if (!status.editable()) {
            throw new IllegalStateException("A " + status + " session cannot be changed");
        }
        return new Session(id, details.title, details.audience, details.start, details.length, details.place,
                details.capacity, details.facilitators, details.firstAider, details.guide, details.retention, status,
                keyPoints);
    }

    public Session publish() {
        return withStatus(status.to(SessionStatus.OPEN));
    }

    public Session cancel() {
        return withStatus(status.to(SessionStatus.CANCELLED));
    }

    public Session expire() {
        return withStatus(status.to(SessionStatus.EXPIRED));
    }

    /** The key points of a session that has been held (free text, no names; nobody's words attributed). */
    public Session withKeyPoints(String text, Instant now) {
        if (!held(now) || status == SessionStatus.DRAFT || status == SessionStatus.CANCELLED) {
            throw new IllegalStateException("Key points are recorded after the session has been held");
        }
        return new Session(id, title, audience, start, length, place, capacity, facilitators, firstAider, guide,
                retention, status, Optional.ofNullable(text));
    }

    private Session withStatus(SessionStatus next) {
        return new Session(id, title, audience, start, length, place, capacity, facilitators, firstAider, guide,
                retention, next, keyPoints);
    }

    private static String text(String value, String what, int max, boolean required) {
        String stripped = value == null ? "" : value.strip();
        if (required && stripped.isEmpty()) {
            throw new IllegalArgumentException("A session needs a " + what);
        }
        if (stripped.length() > max) {
            throw new IllegalArgumentException("A session's " + what + " has at most " + max + " characters");
        }
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new IllegalArgumentException("A session's " + what + " has a control character");
        }
        return stripped;
    }

    private static List<String> names(List<String> values, String what, int max) {
        List<String> kept = (values == null ? List.<String>of() : values).stream()
                .map(value -> text(value, what, MAX_TEXT * 5, false)).filter(value -> !value.isEmpty()).toList();
        if (kept.size() > max) {
            throw new IllegalArgumentException("A session has at most " + max + " of: " + what);
        }
        return kept;
    }
}
