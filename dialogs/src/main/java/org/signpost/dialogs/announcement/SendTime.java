package org.signpost.dialogs.announcement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.content.Wording;

/**
 * When an announcement goes: a date and time written in UK time (Europe/London), as digits only, so no
 * language's month names are needed: {@code 2027-02-04 09:00}, {@code 2027-02-04T09:00} or
 * {@code 04/02/2027 09:00}. A time in a clock change's gap moves forward by the gap's length.
 */
public final class SendTime {

    static final ZoneId UK = ZoneId.of("Europe/London");
    static final String MALFORMED = "announcement.when.malformed";
    static final String PAST = "announcement.when.past";
    static final String EMPTY = "announcement.when.empty";

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu H:mm").withResolverStyle(ResolverStyle.STRICT));

    private SendTime() {
    }

    /** The moment written, or empty if it is not a date and time in one of the forms. */
    static Optional<Instant> parse(String text) {
        String written = text.strip().replaceAll("\\s+", " ");
        for (DateTimeFormatter format : FORMATS) {
            try {
                return Optional.of(ZonedDateTime.of(LocalDateTime.parse(written, format), UK).toInstant());
            } catch (DateTimeParseException notThisOne) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** Why this text cannot be a send time (a wording key), or empty if it can. */
    static Optional<String> refusal(String text, Clock clock) {
        Optional<Instant> at = parse(text);
        if (at.isEmpty()) {
            return Optional.of(MALFORMED);
        }
        return at.get().isBefore(clock.instant()) ? Optional.of(PAST) : Optional.empty();
    }

    /** "4 February 2027 at 09:00, UK time", in the wording's language. */
    public static String describe(Instant at, Wording wording) {
        ZonedDateTime local = at.atZone(UK);
        Locale locale = wording.locale();
        return wording.text("announcement.when.at", Map.of(
                "date", local.format(DateTimeFormatter.ofPattern("d MMMM uuuu", locale)),
                "time", local.format(DateTimeFormatter.ofPattern("HH:mm", locale))));
    }
}
