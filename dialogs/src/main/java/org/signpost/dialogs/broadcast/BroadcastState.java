package org.signpost.dialogs.broadcast;

/** Where a broadcast is. */
public enum BroadcastState {
    /** waiting for its time */
    SCHEDULED,
    /** its recipients are being queued, or its messages sent */
    SENDING,
    /** every message settled */
    DONE,
    /** stopped by an ambassador; what was not sent stays unsent */
    CANCELLED
}
