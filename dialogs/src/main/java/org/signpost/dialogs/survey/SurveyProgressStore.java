package org.signpost.dialogs.survey;

import java.util.Optional;

/** Port: in-progress answers, keyed by conversation, short-lived. */
public interface SurveyProgressStore {

    Optional<SurveyProgress> load(String conversationKey);

    void save(String conversationKey, SurveyProgress progress);

    void delete(String conversationKey);
}
