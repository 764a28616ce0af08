package org.signpost.dialogs.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * How a round's totals are laid out: marginals only. One hash of every question × option over
 * everyone, and one hash per value of each grouping question holding the other, non-grouping questions'
 * totals for that group. Never a combination of two grouping questions: that would narrow groups down
 * to individuals. Every hash also counts its responses.
 */
public final class CounterLayout {

    public static final String OVERALL = "all";
    public static final String RESPONSES = "responses";

    private CounterLayout() {
    }

    /** Every hash with every field, in definition order; a round creates them all at 0 when it opens. */
    public static Map<String, List<String>> allFields(SurveyDefinition survey) {
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        List<String> overall = new ArrayList<>(List.of(RESPONSES));
        List<String> perGroup = new ArrayList<>(List.of(RESPONSES));
        for (Question question : survey.questions()) {
            for (String option : question.optionIds()) {
                overall.add(field(question.id(), option));
                if (!question.grouping()) {
                    perGroup.add(field(question.id(), option));
                }
            }
        }
        hashes.put(OVERALL, overall);
        for (Question grouping : survey.questions()) {
            if (grouping.grouping()) {
                for (String value : grouping.optionIds()) {
                    hashes.put(groupHash(grouping.id(), value), perGroup);
                }
            }
        }
        return hashes;
    }

    /** The fields one submission adds 1 to, per hash; answers are question id → option id (skips left out). */
    public static Map<String, List<String>> increments(SurveyDefinition survey, Map<String, String> answers) {
        Map<String, List<String>> increments = new LinkedHashMap<>();
        List<String> overall = new ArrayList<>(List.of(RESPONSES));
        List<String> perGroup = new ArrayList<>(List.of(RESPONSES));
        List<String> groups = new ArrayList<>();
        for (Question question : survey.questions()) {
            String answer = answers.get(question.id());
            if (answer == null || answer.isEmpty()) {
                continue;
            }
            // a free-text answer arrives as the comma-separated themes it touches
            for (String option : answer.split(",")) {
                if (!question.optionIds().contains(option)) {
                    throw new IllegalArgumentException("Not an option of this question");
                }
                overall.add(field(question.id(), option));
                if (question.grouping()) {
                    groups.add(groupHash(question.id(), option));
                } else {
                    perGroup.add(field(question.id(), option));
                }
            }
        }
        increments.put(OVERALL, overall);
        groups.forEach(group -> increments.put(group, perGroup));
        return increments;
    }

    static String field(String questionId, String optionId) {
        return questionId + ":" + optionId;
    }

    static String groupHash(String questionId, String optionId) {
        return "by:" + questionId + ":" + optionId;
    }
}
