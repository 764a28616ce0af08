package org.signpost.dialogs.survey;

import java.util.List;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Turn;

/**
 * The survey's part of "what do you keep about me": unfinished answers, while this chat has them. Said without
 * them (they are sealed, and a reply never repeats an answer); a submitted survey leaves only the one-way code
 * the privacy statement before the survey describes, which cannot be looked up by person.
 */
public final class SurveyHoldings implements Holdings {

    static final String HELD = "survey.held.progress";

    private final SurveyRounds rounds;
    private final SurveyProgressStore progress;

    public SurveyHoldings(SurveyRounds rounds, SurveyProgressStore progress) {
        this.rounds = rounds;
        this.progress = progress;
    }

    @Override
    public List<String> describe(Turn turn) {
        return rounds.open().flatMap(round -> progress.load(round, turn.conversationKey()))
                .map(unfinished -> List.of(turn.wording().text(HELD))).orElse(List.of());
    }

    public static List<String> wordingKeys() {
        return List.of(HELD);
    }
}
