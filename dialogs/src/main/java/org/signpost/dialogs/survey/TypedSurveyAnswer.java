package org.signpost.dialogs.survey;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.flow.FlowWording;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/**
 * A survey answer typed into the chat ("strongly agree", "3", "prefer not to say") instead of pressed on the card.
 * It is never an answer (typed words stay in the chat's history): mid-flow the person is told so with the card
 * they were on; otherwise they are told that answers go with the card's buttons, and how to open the survey if a
 * round is open for them, or that none is. Without this the model read "strongly agree" as a request for support.
 */
public final class TypedSurveyAnswer implements Capability {

    static final String ID = "survey-answer";
    static final String OPEN = "survey.typedAnswer.open";
    static final String NONE_OPEN = "survey.typedAnswer.noneOpen";

    private final FlowEngine engine;
    private final Optional<Capability> survey;

    public TypedSurveyAnswer(FlowEngine engine) {
        this.engine = engine;
        this.survey = engine.capabilities().stream().filter(c -> c.id().equals(SurveyFlow.ID)).findFirst();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return engine.pointBackToTheCard(turn, FlowWording.TYPED_ANSWER)
                .orElseGet(() -> turn.sayThenMenu(openForThem(turn) ? OPEN : NONE_OPEN));
    }

    /** Whether the menu under the reply offers the survey itself: a round open that this person has not answered. */
    private boolean openForThem(Turn turn) {
        return survey.filter(item -> item.availableTo(turn) && item.onMenu(turn))
                .flatMap(item -> item.shownAs(turn)).filter(SurveyFlow.ID::equals).isPresent();
    }
}
