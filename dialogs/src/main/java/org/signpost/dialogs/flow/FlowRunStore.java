package org.signpost.dialogs.flow;

import java.util.Optional;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.Together;

/** Port: the runs of one flow, per instance and conversation; short-lived and sealed. */
public interface FlowRunStore {

    Optional<FlowRun> load(String instance, String conversationKey);

    /**
     * Compare-and-set: stores {@code run} only if the stored run is still at {@code run.revision()} (none
     * stored, for a null revision). False when another click, a submit or a cancel got there first: nothing
     * was changed.
     */
    boolean save(String conversationKey, FlowRun run);

    /**
     * {@link #load} made ahead, together with a turn's first reads, before the instance is known to be open:
     * what the call gives is opened only when the run is needed. By default it reads then, on its own.
     */
    default Together.Call<Supplier<Optional<FlowRun>>> loadAheadCall(String instance, String conversationKey) {
        return () -> () -> load(instance, conversationKey);
    }

    /** {@link #save} as a call the store may make together with another (the conversation's pointer). */
    default Together.Call<Boolean> saveCall(String conversationKey, FlowRun run) {
        return () -> save(conversationKey, run);
    }

    void delete(String instance, String conversationKey);
}
