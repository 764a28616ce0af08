package org.signpost.dialogs.broadcast;

import java.util.List;

/** Port: the conversations a broadcast to "everyone" reaches, by reference name, a page at a time. */
public interface Recipients {

    /** @param cursor empty for the first page */
    Page reachable(String tenant, String cursor, int count);

    /** People who said "stop announcements": a count only. */
    long optedOut(String tenant);

    /**
     * A broadcast to everyone starts queueing its recipients: a chance to reach more people on the side
     * (a team's members, say) and add them as they are reached, without holding up those reachable now.
     */
    default void everyoneStarting(Broadcast broadcast) {
    }

    /** @param next the cursor for the next page, or empty when this was the last */
    record Page(List<String> names, String next) {
        public boolean last() {
            return next.isEmpty();
        }
    }
}
