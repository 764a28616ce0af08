package org.signpost.dialogs.focusgroup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the sign-ups of every session whose retention period has ended (and of cancelled sessions once
 * they would have), and marks the session expired. A batch over a clock: a thin timer runs it.
 */
public final class RetentionExpiry {

    private final FocusGroupStore store;
    private final Clock clock;

    public RetentionExpiry(FocusGroupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The ids of the sessions expired by this run. */
    public List<String> run() {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        for (Session session : store.sessions()) {
            boolean due = !now.isBefore(session.retentionEndsAt());
            if (due && session.status().canBecome(SessionStatus.EXPIRED) && store.expire(session.id())) {
                expired.add(session.id());
            }
        }
        return expired;
    }
}
