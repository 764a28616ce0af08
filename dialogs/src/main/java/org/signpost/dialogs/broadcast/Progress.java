package org.signpost.dialogs.broadcast;

/**
 * A broadcast's figures: counts only, never who.
 *
 * @param recipients messages queued (one per conversation)
 * @param delivered  taken by the connector
 * @param failed     refused for good, or given up after retries
 * @param gone       the person blocked or removed the bot, or their reference was forgotten since
 * @param unknown    in flight when an instance stopped, or no answer after sending: may have arrived
 * @param cancelled  not sent because the broadcast was cancelled
 * @param optedOut   people left out of "everyone" because they had said "stop announcements" when the
 *                   broadcast started (0 for a post to channels only)
 */
public record Progress(BroadcastState state, long recipients, long delivered, long failed, long gone,
        long unknown, long cancelled, long optedOut) {

    public long pending() {
        return Math.max(0, recipients - delivered - failed - gone - unknown - cancelled);
    }

    /** Attempted at least once and settled. */
    public long sent() {
        return delivered + failed + gone + unknown;
    }
}
