package org.signpost.dialogs.survey;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.FlowRunStore;
import org.signpost.dialogs.kernel.Together;

/**
 * The survey flow's runs are its sealed progress records, so that submit deletes them in the same atomic step as the
 * counting. A record exists only after Start: its next question is the run's next step after the privacy statement.
 */
final class SurveyRuns implements FlowRunStore {

    private final SurveyProgressStore progress;
    /** A round by id, once the engine has checked it is open ({@link SurveyFlow}'s rounds seen open). */
    private final Function<String, SurveyRound> rounds;

    SurveyRuns(SurveyProgressStore progress, Function<String, SurveyRound> rounds) {
        this.progress = progress;
        this.rounds = rounds;
    }

    @Override
    public Optional<FlowRun> load(String instance, String conversationKey) {
        return progress.load(rounds.apply(instance), conversationKey).map(saved -> run(instance, saved));
    }

    @Override
    public Together.Call<Supplier<Optional<FlowRun>>> loadAheadCall(String instance, String conversationKey) {
        // the round is opened only when the run is needed: by then the engine has checked it is open
        return progress.loadAheadCall(instance, conversationKey).map(read -> () -> read.apply(rounds.apply(instance))
                .map(saved -> run(instance, saved)));
    }

    @Override
    public boolean save(String conversationKey, FlowRun run) {
        return progress.save(rounds.apply(run.instance()), conversationKey, saved(run));
    }

    @Override
    public Together.Call<Boolean> saveCall(String conversationKey, FlowRun run) {
        return progress.saveCall(rounds.apply(run.instance()), conversationKey, saved(run));
    }

    @Override
    public void delete(String instance, String conversationKey) {
        progress.delete(instance, conversationKey);
    }

    private static FlowRun run(String instance, SurveyProgress saved) {
        return new FlowRun(SurveyFlow.ID, instance, saved.next() + 1, saved.answers(), saved.revision());
    }

    private static SurveyProgress saved(FlowRun run) {
        return new SurveyProgress(run.instance(), run.next() - 1, run.answers(), run.revision());
    }
}
