package org.signpost.dialogs.survey;

import java.util.Optional;

/** Port: in-progress answers of one conversation in one round, short-lived and sealed. */
public interface SurveyProgressStore {

    Optional<SurveyProgress> load(SurveyRound round, String conversationKey);

    /**
     * Compare-and-set: stores {@code progress} only if the stored record is still at
     * {@code progress.revision()} (none stored, for a null revision). False when another click, a submit or
     * a cancel got there first: nothing was changed.
     */
    boolean save(SurveyRound round, String conversationKey, SurveyProgress progress);

    void delete(String roundId, String conversationKey);
}
