package org.signpost.dialogs.flow;

import static org.signpost.dialogs.flow.FlowWording.CHOOSE;
import static org.signpost.dialogs.flow.FlowWording.CONSENT_NEEDED;
import static org.signpost.dialogs.flow.FlowWording.INVALID;

import java.util.Optional;
import java.util.stream.IntStream;
import org.signpost.dialogs.flow.FlowDefinition.Step;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Turn;

/**
 * A value to keep (and what was given, for the flow's own check), or why not (the card is shown again):
 * the engine's refusal, or the flow's own wording key.
 */
record Answer(String value, FlowWording refusal, String raw, String flowRefusal) {

    Answer(String value, FlowWording refusal) {
        this(value, refusal, value, null);
    }

    Answer(String value, FlowWording refusal, String raw) {
        this(value, refusal, raw, null);
    }

    static Answer refused(String wordingKey) {
        return new Answer(null, null, null, wordingKey);
    }

    static Answer take(Flow flow, Step step, Click click, Turn turn) {
        Optional<String> given = click.answer().or(click::freeText).filter(text -> !text.isBlank());
        switch (step.type()) {
            case STATEMENT:
                return new Answer(FlowCards.AGREED, null);
            case CONSENT:
                boolean all = IntStream.range(0, step.statements().size()).allMatch(i ->
                        turn.submitted(CardKeys.CONSENT_PREFIX + i).filter(FlowCards.AGREED::equals).isPresent());
                return all ? new Answer(FlowCards.AGREED, null) : new Answer(null, CONSENT_NEEDED);
            case FREE_TEXT:
                if (given.isEmpty()) {
                    // the flow may say in its own words what an empty text needs
                    return flow.refuseAnswer(step, "", turn).map(Answer::refused).orElseGet(() -> new Answer(null, CHOOSE));
                }
                String text = given.get();
                String limited = text.length() > FlowCards.FREE_TEXT_LIMIT ? text.substring(0, FlowCards.FREE_TEXT_LIMIT) : text;
                return new Answer(flow.freeText(step, limited), null, limited);
            case LIVE_CHOICE:
                if (given.isEmpty()) {
                    return new Answer(null, CHOOSE);
                }
                // checked against the options as they are now, not as they were on the card
                return flow.liveOptions(step.source(), turn).containsKey(given.get()) ? new Answer(given.get(), null)
                        : new Answer(null, INVALID);
            case CONFIRM:
                return new Answer(null, INVALID);
            default:
                if (given.isEmpty()) {
                    return new Answer(null, CHOOSE);
                }
                return step.optionIds().contains(given.get()) ? new Answer(given.get(), null) : new Answer(null, INVALID);
        }
    }
}
