package org.signpost.dialogs.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/** Each flow's runs, and the conversation's pointer to the one run in progress. */
final class FlowRuns {

    private final Map<String, Flow> flows;
    private final ActiveFlows active;
    private final Together together;
    /** Each flow's runs: its own store, or one of the engine's sealed stores. */
    private final Map<String, FlowRunStore> runs = new LinkedHashMap<>();
    /** The flows whose runs are in the engine's stores: the engine deletes a run once it is completed. */
    private final Set<String> inSealedStores = new TreeSet<>();

    FlowRuns(Map<String, Flow> flows, ActiveFlows active, FlowRunStores sealedRuns, Together together) {
        this.flows = flows;
        this.active = active;
        this.together = together;
        for (Flow flow : flows.values()) {
            Optional<FlowRunStore> own = flow.ownRuns();
            if (own.isEmpty()) {
                inSealedStores.add(flow.id());
            }
            runs.put(flow.id(), own.orElseGet(() -> sealedRuns.of(flow.id(), flow.ttl())));
        }
    }

    FlowRunStore of(Flow flow) {
        return runs.get(flow.id());
    }

    Together.Call<Optional<ActiveFlows.Active>> pointerCall(Turn turn) {
        return active.getCall(turn.conversationKey());
    }

    /** The run the conversation's pointer names, if the pointer and the run are both still there. */
    Optional<FlowRun> current(Turn turn) {
        return current(turn, active.get(turn.conversationKey()));
    }

    /** The same, the pointer read already. */
    Optional<FlowRun> current(Turn turn, Optional<ActiveFlows.Active> pointed) {
        return pointed.filter(pointer -> flows.containsKey(pointer.flow()))
                .filter(pointer -> OpenInstances.read(flows.get(pointer.flow()), turn)
                        .contains(pointer.instance()))
                .flatMap(pointer -> runs.get(pointer.flow()).load(pointer.instance(), turn.conversationKey()));
    }

    /** Ends the flow in progress: the run that was, if any. */
    Optional<FlowRun> cancelCurrent(Turn turn) {
        return cancelCurrent(turn, active.get(turn.conversationKey()));
    }

    /**
     * Ends the flow in progress, the pointer read already: the run that was, if any. The pointer is read before it is
     * cleared, not together with the clearing: a read made again after a lost reply ({@link Together.Call#again})
     * would find it cleared, and the run it named would be kept.
     */
    Optional<FlowRun> cancelCurrent(Turn turn, Optional<ActiveFlows.Active> pointed) {
        if (pointed.isEmpty()) {
            return Optional.empty();
        }
        Optional<FlowRun> run = current(turn, pointed);
        run.ifPresent(r -> runs.get(r.flow()).delete(r.instance(), turn.conversationKey()));
        active.clear(turn.conversationKey());
        return run;
    }

    /**
     * Saves the run (compare-and-set) and points the conversation at it (its TTL renewed with the run's), made
     * together: one round trip. The pointer is set even when the save loses a race; it then names the run
     * another click saved, or one that is gone, which the pointer's readers treat as none ({@link ActiveFlows}).
     */
    boolean saveAndPoint(Flow flow, Turn turn, FlowRun run) {
        Together.Batch batch = together.batch();
        Together.Result<Boolean> saved = batch.add(of(flow).saveCall(turn.conversationKey(), run));
        batch.add(active.setCall(turn.conversationKey(), new ActiveFlows.Active(flow.id(), run.instance()),
                flow.ttl()));
        batch.make();
        return saved.get();
    }

    /** The run is deleted, and the pointer cleared if it names this run. */
    void end(Flow flow, Turn turn, String instance) {
        of(flow).delete(instance, turn.conversationKey());
        active.get(turn.conversationKey()).filter(new ActiveFlows.Active(flow.id(), instance)::equals)
                .ifPresent(pointer -> active.clear(turn.conversationKey()));
    }

    /**
     * A run in the engine's stores is deleted once completed (a failure here leaves it to its TTL, and a
     * second submit is told it was done); a flow that keeps its own runs deletes them as it completes. The pointer
     * is cleared together with {@code alongside} (reads of other keys, for the menu under the receipt).
     */
    void completed(Flow flow, Turn turn, String instance, Function<Together.Batch, Runnable> alongside) {
        if (inSealedStores.contains(flow.id())) {
            of(flow).delete(instance, turn.conversationKey());
        }
        Together.Batch batch = together.batch();
        batch.add(active.clearCall(turn.conversationKey()));
        Runnable keep = alongside.apply(batch);
        batch.make();
        keep.run();
    }

    /** The instance closed before the submit: the run is deleted and the pointer cleared. */
    void closed(Flow flow, Turn turn, String instance) {
        of(flow).delete(instance, turn.conversationKey());
        active.clear(turn.conversationKey());
    }
}
