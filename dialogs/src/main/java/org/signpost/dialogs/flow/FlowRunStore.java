package org.signpost.dialogs.flow;

import java.util.Optional;

/** Port: the runs of one flow, per instance and conversation; short-lived and sealed. */
public interface FlowRunStore {

    Optional<FlowRun> load(String instance, String conversationKey);

    /**
     * Compare-and-set: stores {@code run} only if the stored run is still at {@code run.revision()} (none
     * stored, for a null revision). False when another click, a submit or a cancel got there first: nothing
     * was changed.
     */
    boolean save(String conversationKey, FlowRun run);

    void delete(String instance, String conversationKey);
}
