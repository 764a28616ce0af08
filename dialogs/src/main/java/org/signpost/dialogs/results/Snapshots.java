package org.signpost.dialogs.results;

import java.util.OptionalLong;

/**
 * When a round's live counters may be released as a new snapshot: not before k responses, then only
 * after at least k more than the last snapshot, so two outputs never differ by fewer than k people. The
 * Redis adapter applies the same rule atomically.
 */
public final class Snapshots {

    private Snapshots() {
    }

    public static boolean release(int k, long live, OptionalLong lastReleased) {
        new DisclosureControl(k);
        return live >= k && (lastReleased.isEmpty() || live - lastReleased.getAsLong() >= k);
    }
}
