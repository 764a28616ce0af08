package org.signpost.dialogs.survey;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Together;
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
        return rounds.open().map(round -> describe(turn, round)).orElse(List.of());
    }

    /**
     * The open round is read fresh; the round open a moment ago (as this instance read it) is most likely still the
     * one, so its progress and code are read with it: one round trip with the batch, unless the round has changed.
     */
    @Override
    public Supplier<List<String>> describeWith(Turn turn, Together.Batch batch) {
        Together.Result<Optional<SurveyRound>> open = batch.add(rounds.openCall());
        Optional<String> guessed = rounds.recentOpenCall().alone().map(SurveyRound::id);
        if (guessed.isEmpty()) {
            return () -> open.get().map(round -> describe(turn, round)).orElse(List.of());
        }
        Together.Result<Function<SurveyRound, Optional<SurveyProgress>>> held = batch.add(progress.loadAheadCall(
                guessed.get(), turn.conversationKey()));
        Optional<Together.Result<Boolean>> taken = survey.refusal(turn).isEmpty()
                ? Optional.of(batch.add(survey.nothingLeftCall(turn, guessed.get()))) : Optional.empty();
        return () -> open.get().map(round -> !round.id().equals(guessed.get()) ? describe(turn, round)
                : lines(turn, held.get().apply(round).isPresent(), taken.map(Together.Result::get).orElse(false)))
                .orElse(List.of());
    }

    private List<String> describe(Turn turn, SurveyRound round) {
        boolean held = progress.load(round, turn.conversationKey()).isPresent();
        // a sender the survey refuses (unknown, another organisation) has no code to look for
        return lines(turn, held, !held && survey.refusal(turn).isEmpty() && survey.alreadyDone(turn, round.id()));
    }

    private static List<String> lines(Turn turn, boolean held, boolean takenPart) {
        if (held) {
            return List.of(turn.wording().text(HELD));
        }
        return takenPart ? List.of(turn.wording().text(TAKEN_PART)) : List.of();
    }

    public static List<String> wordingKeys() {
        return List.of(HELD, TAKEN_PART);
    }
}
