package org.signpost.dialogs.survey;

import java.util.Optional;

/** Port: in-progress answers of one conversation in one round, short-lived. */
public interface SurveyProgressStore {

    Optional<SurveyProgress> load(String roundId, String conversationKey);

    void save(String conversationKey, SurveyProgress progress);

    void delete(String roundId, String conversationKey);
}
