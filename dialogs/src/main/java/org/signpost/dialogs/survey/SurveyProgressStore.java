package org.signpost.dialogs.survey;

import java.util.Optional;
import java.util.function.Function;
import org.signpost.dialogs.kernel.Together;

/** Port: in-progress answers of one conversation in one round, short-lived and sealed. */
public interface SurveyProgressStore {

    Optional<SurveyProgress> load(SurveyRound round, String conversationKey);

    /**
     * Compare-and-set: stores {@code progress} only if the stored record is still at
     * {@code progress.revision()} (none stored, for a null revision). False when another click, a submit or
     * a cancel got there first: nothing was changed.
     */
    boolean save(SurveyRound round, String conversationKey, SurveyProgress progress);

    /**
     * {@link #load} made ahead, before the round is known to be open: what the call gives opens the record
     * once it is given the open round. By default it reads then, on its own.
     */
    default Together.Call<Function<SurveyRound, Optional<SurveyProgress>>> loadAheadCall(String roundId,
            String conversationKey) {
        return () -> round -> load(round, conversationKey);
    }

    /** {@link #save} as a call the store may make together with another. */
    default Together.Call<Boolean> saveCall(SurveyRound round, String conversationKey, SurveyProgress progress) {
        return () -> save(round, conversationKey, progress);
    }

    void delete(String roundId, String conversationKey);
}
