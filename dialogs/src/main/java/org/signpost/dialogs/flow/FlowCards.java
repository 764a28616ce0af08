package org.signpost.dialogs.flow;

import static org.signpost.dialogs.flow.FlowWording.AGREE;
import static org.signpost.dialogs.flow.FlowWording.CANCEL;
import static org.signpost.dialogs.flow.FlowWording.CHOOSE;
import static org.signpost.dialogs.flow.FlowWording.FREE_TEXT_NOTE;
import static org.signpost.dialogs.flow.FlowWording.FREE_TEXT_PLACEHOLDER;
import static org.signpost.dialogs.flow.FlowWording.LATER;
import static org.signpost.dialogs.flow.FlowWording.NEXT;
import static org.signpost.dialogs.flow.FlowWording.PROGRESS;
import static org.signpost.dialogs.flow.FlowWording.REFUSE;
import static org.signpost.dialogs.flow.FlowWording.RETRY;
import static org.signpost.dialogs.flow.FlowWording.SKIP;
import static org.signpost.dialogs.flow.FlowWording.START;
import static org.signpost.dialogs.flow.FlowWording.SUBMIT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.flow.FlowDefinition.Step;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Turn;

/**
 * A flow's cards, one per step type. None of them ever shows a person's answers: a Teams chat is retained
 * and discoverable, so choices travel only in submit data and cards are never updated to echo them.
 */
final class FlowCards {

    static final int FREE_TEXT_LIMIT = 1000;

    /** The verbs a flow's buttons send under {@link CardKeys#VERB}. */
    static final String BEGIN = "begin";
    static final String START_VERB = "start";
    static final String ANSWER = "answer";
    static final String SKIP_VERB = "skip";
    static final String SUBMIT_VERB = "submit";
    static final String CANCEL_VERB = "cancel";
    static final String LATER_VERB = "later";
    static final String REFUSE_VERB = "refuse";
    /** What an agreed toggle sends; a consent step's answer when every statement was agreed. */
    static final String AGREED = "agree";

    /** Enough for every question of a few flows' instances in a few languages; a full set starts again. */
    static final int KEPT_QUESTIONS = 512;
    /**
     * Question cards, each built once (building one looked up and copied its wording, options and buttons on
     * every turn), keyed by what is on them: the flow, its instance, the step, its number and the number of
     * questions (the same on every card of anyone shown that many), and the wording. Nothing a person typed or
     * chose is kept, nor who they are.
     */
    private static final Map<Asked, Card> ASKED = new ConcurrentHashMap<>();

    /** A question as asked; the definition and the wording by identity (each is loaded once and kept). */
    private record Asked(String flow, FlowDefinition definition, Wording wording, String instance, int step,
            int number, int total) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Asked asked && definition == asked.definition && wording == asked.wording
                    && step == asked.step && number == asked.number && total == asked.total
                    && flow.equals(asked.flow) && Objects.equals(instance, asked.instance);
        }

        @Override
        public int hashCode() {
            int hash = 31 * System.identityHashCode(definition) + System.identityHashCode(wording);
            hash = 31 * hash + Objects.hashCode(instance);
            hash = 31 * hash + flow.hashCode();
            return 31 * (31 * (31 * hash + step) + number) + total;
        }
    }

    private FlowCards() {
    }

    /** A first statement: nothing is kept until Start is pressed. */
    static Card opening(Flow flow, String instance, FlowDefinition definition, Wording wording) {
        Step step = definition.steps().get(0);
        Card.Builder card = Card.builder().heading(definition.title().in(wording));
        if (step.title() != null) {
            card.subheading(step.title().in(wording));
        }
        return card.text(step.text().in(wording))
                .submit(wording.text(START.key(flow.id())), data(flow, instance, START_VERB, null))
                .submitWithoutInputs(wording.text(LATER.key(flow.id())), data(flow, instance, LATER_VERB, null))
                .build();
    }

    /**
     * The step's card: a question's is built once for everyone who reaches it at the same place ({@link Asked}),
     * any other each time.
     */
    static Card step(Flow flow, FlowDefinition definition, FlowRun run, Turn turn) {
        Step step = definition.steps().get(run.next());
        if (!sameForEveryone(step)) {
            return build(flow, definition, run, turn);
        }
        Asked asked = new Asked(flow.id(), definition, turn.wording(), run.instance(), run.next(),
                definition.questionNumber(run.next(), run.answers()), definition.questions(run.answers()));
        Card kept = ASKED.get(asked);
        if (kept != null) {
            return kept;
        }
        Card card = build(flow, definition, run, turn);
        if (ASKED.size() >= KEPT_QUESTIONS) {
            ASKED.clear();
        }
        ASKED.put(asked, card);
        return card;
    }

    /** The question, its options, its number and buttons: the same for everyone who reaches it. */
    private static boolean sameForEveryone(Step step) {
        return step.type().asks() && step.type() != StepType.LIVE_CHOICE;
    }

    /** The step's card, built now. */
    static Card build(Flow flow, FlowDefinition definition, FlowRun run, Turn turn) {
        Wording wording = turn.wording();
        String id = flow.id();
        Step step = definition.steps().get(run.next());
        Card.Builder card = Card.builder();
        if (sameForEveryone(step)) {
            card.sameForEveryone();
        }
        if (step.type().asks()) {
            card.note(wording.text(PROGRESS.key(id), Map.of("number",
                    Integer.toString(definition.questionNumber(run.next(), run.answers())), "total",
                    Integer.toString(definition.questions(run.answers())))));
        } else if (step.title() != null) {
            card.subheading(step.title().in(wording));
        }
        Map<String, String> answer = data(flow, run.instance(), ANSWER, step.id());
        switch (step.type()) {
            case STATEMENT -> card.text(step.text().in(wording)).submit(wording.text(NEXT.key(id)), answer);
            case SINGLE_CHOICE, LIKERT, GROUPING, LIVE_CHOICE -> {
                Map<String, String> options = new LinkedHashMap<>();
                if (step.type() == StepType.LIVE_CHOICE) {
                    options.putAll(flow.liveOptions(step.source(), turn));
                } else {
                    step.options().forEach(option -> options.put(option.id(), option.label().in(wording)));
                }
                card.add(new Card.Choices(CardKeys.ANSWER, step.text().in(wording), options, !step.optional(),
                        wording.text(CHOOSE.key(id))));
                card.submit(wording.text(NEXT.key(id)), answer);
            }
            case FREE_TEXT -> card.add(new Card.TextInput(CardKeys.FREE_TEXT, step.text().in(wording),
                            step.placeholder() != null ? step.placeholder().in(wording)
                                    : wording.text(FREE_TEXT_PLACEHOLDER.key(id)), FREE_TEXT_LIMIT))
                    .note(step.note() != null ? step.note().in(wording) : wording.text(FREE_TEXT_NOTE.key(id)))
                    .submit(wording.text(NEXT.key(id)), answer);
            case CONSENT -> {
                card.text(step.text().in(wording));
                for (int i = 0; i < step.statements().size(); i++) {
                    card.add(new Card.Toggle(CardKeys.CONSENT_PREFIX + i, step.statements().get(i).in(wording), AGREED));
                }
                card.submit(wording.text(AGREE.key(id)), answer)
                        .submitWithoutInputs(wording.text(REFUSE.key(id)), data(flow, run.instance(), REFUSE_VERB,
                                step.id()));
            }
            case CONFIRM -> card.text(confirmation(flow, step, run, turn))
                    .submit(wording.text(SUBMIT.key(id)), data(flow, run.instance(), SUBMIT_VERB, null));
        }
        if (step.optional()) {
            card.submitWithoutInputs(wording.text(SKIP.key(id)), data(flow, run.instance(), SKIP_VERB, step.id()));
        }
        return card.submitWithoutInputs(wording.text(CANCEL.key(id)), data(flow, run.instance(), CANCEL_VERB, null))
                .build();
    }

    /** What will happen on submit, in the flow's words with its summary values (never the answers). */
    private static String confirmation(Flow flow, Step step, FlowRun run, Turn turn) {
        if (step.text().key() == null) {
            return step.text().in(turn.wording());
        }
        Map<String, String> values = new LinkedHashMap<>(step.text().values());
        values.putAll(flow.summary(turn, run));
        return turn.wording().text(step.text().key(), values);
    }

    /** After a submit that failed or may have: the truth, and a retry that cannot count twice. */
    static Card retry(Flow flow, String instance, Wording wording, FlowWording message) {
        return Card.builder().text(wording.text(message.key(flow.id())))
                .submit(wording.text(RETRY.key(flow.id())), data(flow, instance, SUBMIT_VERB, null))
                .submitWithoutInputs(wording.text(CANCEL.key(flow.id())), data(flow, instance, CANCEL_VERB, null))
                .build();
    }

    private static Map<String, String> data(Flow flow, String instance, String verb, String stepId) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CardKeys.ACTION, flow.id());
        data.put(CardKeys.VERB, verb);
        data.put(CardKeys.INSTANCE, instance);
        if (stepId != null) {
            data.put(CardKeys.STEP, stepId);
        }
        return data;
    }
}
