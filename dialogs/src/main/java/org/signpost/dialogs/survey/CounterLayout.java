package org.signpost.dialogs.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * What one submission adds: 1 to each of {@code overallFields} in the overall hash, and 1 to each of
     * {@code groupFields} in the hash of each group in {@code groups}. {@code hashes} is every hash of the
     * round in layout order (overall first), so that a store can touch them all alike.
     */
    public record Submission(List<String> hashes, List<String> overallFields, List<String> groupFields,
            Set<String> groups) {

        public Submission {
            hashes = List.copyOf(hashes);
            overallFields = List.copyOf(overallFields);
            groupFields = List.copyOf(groupFields);
            groups = Set.copyOf(groups);
        }

        /** Hash → fields it adds 1 to: the overall hash first, then the person's groups in layout order. */
        public Map<String, List<String>> increments() {
            Map<String, List<String>> increments = new LinkedHashMap<>();
            for (String hash : hashes) {
                if (hash.equals(OVERALL)) {
                    increments.put(hash, overallFields);
                } else if (groups.contains(hash)) {
                    increments.put(hash, groupFields);
                }
            }
            return increments;
        }
    }

    /** One submission's additions; answers are question id → option id (skips left out or ""). */
    public static Submission submission(SurveyDefinition survey, Map<String, String> answers) {
        Set<String> overall = new LinkedHashSet<>(List.of(RESPONSES));
        Set<String> perGroup = new LinkedHashSet<>(List.of(RESPONSES));
        Set<String> groups = new LinkedHashSet<>();
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
        return new Submission(List.copyOf(allFields(survey).keySet()), List.copyOf(overall), List.copyOf(perGroup),
                groups);
    }

    /** The fields one submission adds 1 to, per hash (only the hashes it adds to). */
    public static Map<String, List<String>> increments(SurveyDefinition survey, Map<String, String> answers) {
        return submission(survey, answers).increments();
    }

    static String field(String questionId, String optionId) {
        return questionId + ":" + optionId;
    }

    static String groupHash(String questionId, String optionId) {
        return "by:" + questionId + ":" + optionId;
    }
}
