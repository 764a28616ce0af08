package org.signpost.dialogs.survey;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Someone's answers while they are answering: the only place an individual's answers exist, kept
 * server-side (sealed) for a few hours at most and deleted on submit or cancel.
 *
 * @param answers  question id → option id (several, comma-separated, for a free-text question's themes),
 *                 or "" for a skipped question
 * @param revision the stored revision this record was read at, or null for one never stored; a save
 *                 succeeds only while the stored record is still at this revision (compare-and-set)
 */
public record SurveyProgress(String roundId, int next, Map<String, String> answers, String revision) {

    public static final String SKIPPED = "";

    public SurveyProgress {
        answers = Map.copyOf(answers);
    }

    public SurveyProgress(String roundId, int next, Map<String, String> answers) {
        this(roundId, next, answers, null);
    }

    public static SurveyProgress begin(String roundId) {
        return new SurveyProgress(roundId, 0, Map.of());
    }

    /** The same answers, as read at a stored revision. */
    public SurveyProgress at(String storedRevision) {
        return new SurveyProgress(roundId, next, answers, storedRevision);
    }

    /** The next state, to be saved over the revision this one was read at. */
    SurveyProgress answer(String questionId, String optionId) {
        Map<String, String> updated = new LinkedHashMap<>(answers);
        updated.put(questionId, optionId);
        return new SurveyProgress(roundId, next + 1, updated, revision);
    }

    long answered() {
        return answers.values().stream().filter(option -> !option.isEmpty()).count();
    }
}
