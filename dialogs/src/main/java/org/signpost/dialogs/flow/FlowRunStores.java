package org.signpost.dialogs.flow;

import java.time.Duration;

/**
 * Port: the sealed store every flow keeps its runs in unless it keeps its own ({@link Flow#ownRuns()}).
 * An adapter must not let a reader of the store tell which flow, which instance or which conversation a
 * run belongs to, nor what it holds: keyed one-way names, authenticated encryption, records of one length.
 */
public interface FlowRunStores {

    /** The runs of one flow, each kept for {@code ttl} after its last save. */
    FlowRunStore of(String flow, Duration ttl);
}
