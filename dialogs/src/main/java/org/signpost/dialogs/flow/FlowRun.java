package org.signpost.dialogs.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one conversation is in one instance of a flow: held server-side (sealed) only while the person is
 * in it, and deleted on completion or cancel.
 *
 * @param next     the index of the step to show next
 * @param answers  step id → value, or {@link #SKIPPED}
 * @param revision the stored revision this run was read at, or null for one never stored: a save succeeds
 *                 only while the stored run is still at this revision (compare-and-set)
 */
public record FlowRun(String flow, String instance, int next, Map<String, String> answers, String revision) {

    public static final String SKIPPED = "";

    public FlowRun {
        answers = Map.copyOf(answers);
    }

    static FlowRun begin(String flow, String instance, int first) {
        return new FlowRun(flow, instance, first, Map.of(), null);
    }

    /** The same run, as read at a stored revision. */
    public FlowRun at(String storedRevision) {
        return new FlowRun(flow, instance, next, answers, storedRevision);
    }

    /**
     * The next state, to be saved over the revision this one was read at: the answer kept, and the next step
     * the one after it that is shown with the answers so far (steps whose condition does not hold are passed
     * over, and nothing of them is kept).
     */
    FlowRun answer(FlowDefinition definition, String stepId, String value) {
        Map<String, String> updated = new LinkedHashMap<>(answers);
        updated.put(stepId, value);
        return new FlowRun(flow, instance, definition.nextShown(next + 1, updated), updated, revision);
    }

    /** Whether the consent step {@code stepId} was given, every statement agreed. */
    public boolean consented(String stepId) {
        return FlowCards.AGREED.equals(answers.get(stepId));
    }

    /** How many steps were answered, not skipped. */
    public long answered() {
        return answers.values().stream().filter(value -> !value.isEmpty()).count();
    }
}
