package org.signpost.dialogs.survey;

import java.util.List;
import java.util.Optional;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Turn;

/**
 * The survey's part of "what do you keep about me": unfinished answers, while this chat has them, said without
 * them (they are sealed, and a reply never repeats an answer); once the open round is answered, the one-way code
 * that stops a second answer (the privacy statement before the survey describes it), which the bot can check for
 * this person, so it is said too.
 */
public final class SurveyHoldings implements Holdings {

    static final String HELD = "survey.held.progress";
    static final String TAKEN_PART = "survey.held.takenPart";

    private final SurveyRounds rounds;
    private final SurveyProgressStore progress;
    private final SurveyFlow survey;

    public SurveyHoldings(SurveyRounds rounds, SurveyProgressStore progress, SurveyFlow survey) {
        this.rounds = rounds;
        this.progress = progress;
        this.survey = survey;
    }

    @Override
    public List<String> describe(Turn turn) {
        Optional<SurveyRound> open = rounds.open();
        if (open.isEmpty()) {
            return List.of();
        }
        SurveyRound round = open.get();
        if (progress.load(round, turn.conversationKey()).isPresent()) {
            return List.of(turn.wording().text(HELD));
        }
        // a sender the survey refuses (unknown, another organisation) has no code to look for
        return survey.refusal(turn).isEmpty() && survey.alreadyDone(turn, round.id())
                ? List.of(turn.wording().text(TAKEN_PART)) : List.of();
    }

    public static List<String> wordingKeys() {
        return List.of(HELD, TAKEN_PART);
    }
}
