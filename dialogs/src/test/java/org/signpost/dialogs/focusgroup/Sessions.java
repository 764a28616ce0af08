package org.signpost.dialogs.focusgroup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Sessions and sign-ups for tests. */
public final class Sessions {

    private Sessions() {
    }

    /** An open session with these places, a week after the clock's time. */
    public static Session open(int capacity, Instant now) {
        return Session.draft("Talking about mental health at work", Optional.empty(),
                LocalDateTime.ofInstant(now, Session.LONDON).plusDays(7).withHour(14).withMinute(0).withSecond(0).withNano(0),
                Duration.ofMinutes(90), "Room 2.14", capacity, List.of("Facilitator One", "Facilitator Two"),
                "First Aider", List.of("What helps people talk?"), Session.DEFAULT_RETENTION).publish();
    }

    public static Attendee attendee(Session session, int number, Instant now) {
        return new Attendee(new SignUp(session.id(), "Person " + number, "person" + number + "@example.org",
                "consent-1", now), new Address("msteams", "29:person-" + number));
    }
}
