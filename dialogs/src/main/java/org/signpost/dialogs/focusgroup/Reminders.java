package org.signpost.dialogs.focusgroup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The reminder the day before: on the calendar day before an open session (in the session's zone), each
 * person with a place is reminded once, whichever instance's timer gets there first. A batch over a
 * clock: a thin timer runs it.
 */
public final class Reminders {

    private final FocusGroupStore store;
    private final Notices notices;
    private final Clock clock;

    public Reminders(FocusGroupStore store, Notices notices, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.clock = clock;
    }

    /** The ids of the sessions reminded by this run. */
    public List<String> run() {
        Instant now = clock.instant();
        List<String> reminded = new ArrayList<>();
        for (Session session : store.sessions()) {
            LocalDate today = now.atZone(session.start().getZone()).toLocalDate();
            boolean dayBefore = today.plusDays(1).equals(session.start().toLocalDate());
            if (dayBefore && session.takesSignUps(now) && store.claimReminder(session.id())) {
                store.seated(session.id()).forEach(attendee -> notices.tell(attendee, session, Notices.Kind.REMINDER));
                reminded.add(session.id());
            }
        }
        return reminded;
    }
}
