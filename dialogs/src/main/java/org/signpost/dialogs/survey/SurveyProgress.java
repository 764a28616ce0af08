package org.signpost.dialogs.survey;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Someone's answers while they are answering: the only place an individual's answers exist, kept
 * server-side for a few hours at most and deleted on submit or cancel.
 *
 * @param answers question id → option id, or "" for a skipped question
 */
public record SurveyProgress(String roundId, int next, Map<String, String> answers) {

    public static final String SKIPPED = "";

    public SurveyProgress {
        answers = Map.copyOf(answers);
    }

    public static SurveyProgress begin(String roundId) {
        return new SurveyProgress(roundId, 0, Map.of());
    }

    SurveyProgress answer(String questionId, String optionId) {
        Map<String, String> updated = new LinkedHashMap<>(answers);
        updated.put(questionId, optionId);
        return new SurveyProgress(roundId, next + 1, updated);
    }

    long answered() {
        return answers.values().stream().filter(option -> !option.isEmpty()).count();
    }
}
