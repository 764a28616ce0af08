package org.signpost.dialogs.flow;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** A step shown only when an earlier choice step was answered with one option ({@code when:} in a flow file). */
    public record Condition(String step, String is) {

        public Condition {
            if (step == null || is == null) {
                throw new IllegalArgumentException("A step's condition names an earlier step and one of its options");
            }
        }

        boolean holds(Map<String, String> answers) {
            return is.equals(answers.get(step));
        }
    }

    /**
     * @param title      a statement's or consent's heading (may be null)
     * @param text       what the step says or asks
     * @param options    the choices of a choice step
     * @param statements the statements a consent step asks the person to agree to, each on its own
     * @param source     where a live choice's options come from (supplied by the feature)
     * @param typedText  whether a free-text step takes text typed into the chat (never for surveys)
     * @param when       shown only when this holds (null: always); a step not shown is not stored either
     * @param placeholder a free-text step's own placeholder (null: the flow's {@code freeText.placeholder})
     * @param note       a free-text step's own small print (null: the flow's {@code freeText.note})
     */
    public record Step(String id, StepType type, Text title, Text text, boolean optional, List<Option> options,
            List<Text> statements, String source, boolean typedText, Condition when, Text placeholder, Text note) {

        public Step {
            options = options == null ? List.of() : List.copyOf(options);
            statements = statements == null ? List.of() : List.copyOf(statements);
        }

        public Step(String id, StepType type, Text title, Text text, boolean optional, List<Option> options,
                List<Text> statements, String source, boolean typedText) {
            this(id, type, title, text, optional, options, statements, source, typedText, null, null, null);
        }

        /** Whether the step is shown to a run with these answers. */
        public boolean applies(Map<String, String> answers) {
            return when == null || when.holds(answers);
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
            if ((step.placeholder() != null || step.note() != null) && step.type() != StepType.FREE_TEXT) {
                throw new IllegalArgumentException("Flow " + id + ": only a free-text step has a placeholder or note ("
                        + step.id() + ")");
            }
            if (step.when() != null) {
                checkCondition(id, step, ids, steps);
            }
        }
    }

    /** A condition names an earlier step that chooses one of listed options, and one of them. */
    private static void checkCondition(String flowId, Step step, Set<String> seen, List<Step> steps) {
        Condition when = step.when();
        String problem = null;
        if (step.type() == StepType.CONFIRM || step.type() == StepType.CONSENT) {
            problem = "a " + step.type().name().toLowerCase(Locale.ROOT) + " step is always shown";
        } else if (when.step().equals(step.id()) || !seen.contains(when.step())) {
            problem = "its condition names no earlier step (" + when.step() + ")";
        } else {
            Step earlier = steps.stream().filter(found -> found.id().equals(when.step())).findFirst().orElseThrow();
            if (!earlier.type().choosesOption()) {
                problem = "its condition's step " + when.step() + " does not choose one of listed options";
            } else if (!earlier.optionIds().contains(when.is())) {
                problem = "its condition's option " + when.is() + " is not one of " + when.step() + "'s";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("Flow " + flowId + ": step " + step.id() + ": " + problem);
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

    /**
     * The index of the first step from {@code index} on that is shown to a run with these answers (steps
     * whose condition does not hold are passed over; the confirm step always holds).
     */
    public int nextShown(int index, Map<String, String> answers) {
        int next = index;
        while (next < confirmIndex() && !steps.get(next).applies(answers)) {
            next++;
        }
        return next;
    }

    /** How many steps ask a question (for "Question n of m"), of those shown to a run with these answers. */
    public int questions(Map<String, String> answers) {
        return (int) steps.stream().filter(step -> step.type().asks() && step.applies(answers)).count();
    }

    /** How many steps ask a question in any run (the survey's, which has no conditions). */
    public int questions() {
        return (int) steps.stream().filter(step -> step.type().asks()).count();
    }

    /** The number of the question at {@code index}, counting from 1, among those shown with these answers. */
    public int questionNumber(int index, Map<String, String> answers) {
        return (int) steps.subList(0, index + 1).stream().filter(step -> step.type().asks() && step.applies(answers))
                .count();
    }

    public boolean takesTypedText() {
        return steps.stream().anyMatch(Step::typedText);
    }
}
