package org.signpost.dialogs.flow;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.signpost.dialogs.kernel.Role;

/**
 * A flow as data: typed steps, the last of which confirms. Loaded from {@code flows/<id>.yaml} (checked
 * against {@code flows/flow.schema.json}), or built from other content (the survey's from its survey file).
 *
 * @param title shown above a first statement
 * @param roles who may start it: empty for everyone
 */
public record FlowDefinition(String id, Text title, Set<Role> roles, List<Step> steps) {

    /** The five agree/disagree points of a Likert step, strongest agreement first. */
    public static final List<String> LIKERT_POINTS =
            List.of("strongly-agree", "agree", "neither", "disagree", "strongly-disagree");

    public record Option(String id, Text label) {
    }

    /**
     * @param title      a statement's or consent's heading (may be null)
     * @param text       what the step says or asks
     * @param options    the choices of a choice step
     * @param statements the statements a consent step asks the person to agree to, each on its own
     * @param source     where a live choice's options come from (supplied by the feature)
     * @param typedText  whether a free-text step takes text typed into the chat (never for surveys)
     */
    public record Step(String id, StepType type, Text title, Text text, boolean optional, List<Option> options,
            List<Text> statements, String source, boolean typedText) {

        public Step {
            options = options == null ? List.of() : List.copyOf(options);
            statements = statements == null ? List.of() : List.copyOf(statements);
        }

        public static Step of(String id, StepType type, Text text) {
            return new Step(id, type, null, text, false, List.of(), List.of(), null, false);
        }

        public List<String> optionIds() {
            return options.stream().map(Option::id).toList();
        }
    }

    public FlowDefinition {
        roles = Set.copyOf(roles);
        steps = List.copyOf(steps);
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A flow id is lower-case letters, digits and hyphens: " + id);
        }
        if (steps.isEmpty() || steps.get(steps.size() - 1).type() != StepType.CONFIRM) {
            throw new IllegalArgumentException("Flow " + id + " must end with a confirm step");
        }
        Set<String> ids = new HashSet<>();
        for (Step step : steps) {
            if (step.id() == null || !ids.add(step.id())) {
                throw new IllegalArgumentException("Flow " + id + ": every step needs its own id (" + step.id() + ")");
            }
            if (step.type() == null || step.text() == null) {
                throw new IllegalArgumentException("Flow " + id + ": step " + step.id() + " needs a type and a text");
            }
            if (step.type().choosesOption() && step.options().size() < 2) {
                throw new IllegalArgumentException("Flow " + id + ": step " + step.id() + " needs options");
            }
            if (step.type() == StepType.CONSENT && step.statements().isEmpty()) {
                throw new IllegalArgumentException("Flow " + id + ": consent step " + step.id() + " needs statements");
            }
            if (step.type() == StepType.LIVE_CHOICE && (step.source() == null || step.source().isBlank())) {
                throw new IllegalArgumentException("Flow " + id + ": live choice " + step.id() + " needs a source");
            }
            if (step.typedText() && step.type() != StepType.FREE_TEXT) {
                throw new IllegalArgumentException("Flow " + id + ": only a free-text step takes typed text");
            }
            if (step.optional() && !step.type().asks()) {
                throw new IllegalArgumentException("Flow " + id + ": only a question can be skipped (" + step.id() + ")");
            }
        }
    }

    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(step -> step.id().equals(stepId)).findFirst();
    }

    /** The index of the confirm step, which every flow ends with. */
    public int confirmIndex() {
        return steps.size() - 1;
    }

    /** A first statement is shown before anything is kept; pressing its Start begins the run after it. */
    public boolean opensWithStatement() {
        return steps.get(0).type() == StepType.STATEMENT;
    }

    /** How many steps ask a question (for "Question n of m"). */
    public int questions() {
        return (int) steps.stream().filter(step -> step.type().asks()).count();
    }

    /** The number of the question at {@code index}, counting from 1. */
    public int questionNumber(int index) {
        return (int) steps.subList(0, index + 1).stream().filter(step -> step.type().asks()).count();
    }

    public boolean takesTypedText() {
        return steps.stream().anyMatch(Step::typedText);
    }
}
