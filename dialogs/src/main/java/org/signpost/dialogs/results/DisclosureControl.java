package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * The one rule every output goes through (DESIGN promise 4). With k the smallest group any output may
 * show:
 * <ul>
 * <li>a round with fewer than k responses shows nothing;</li>
 * <li>a question answered by fewer than k people (over everyone, or inside a group) is hidden there;</li>
 * <li>a group with fewer than k responses is hidden;</li>
 * <li>complementary suppression: the groups of one grouping question, with "did not say" (overall minus
 * everyone who answered it) counted as a group, add up to the overall figures; so whatever is hidden
 * within a grouping must together hold no one or at least k people, or the smallest shown group is hidden
 * too, and so on. The same holds per question, counting the people who answered it.</li>
 * </ul>
 * Hidden groups and cells carry no number, so nothing downstream can show one.
 *
 * <p>While a round is open, only figures over everyone are shown, from a snapshot released by
 * {@link Snapshots}: a group, or the people who answered a question inside a group, may grow by fewer than
 * k between two releases, and comparing the two would say what those few newcomers answered. Groups are
 * published once the round has closed, from its final snapshot, which never changes again.
 */
public final class DisclosureControl {

    public static final int DEFAULT_K = 10;
    public static final int SMALLEST_K = 5;
    static final String PREFER_NOT_TO_SAY = "prefer-not-to-say";

    private final int k;

    public DisclosureControl(int k) {
        if (k < SMALLEST_K) {
            throw new IllegalArgumentException("The smallest group size k must be at least " + SMALLEST_K + ", not " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    /** The final results of a closed round: over everyone and by group. */
    public DisclosedRound disclose(SurveyDefinition survey, RoundCounts counts) {
        return disclose(survey, counts, false);
    }

    /** @param open the round is still open: figures over everyone only, no group */
    public DisclosedRound disclose(SurveyDefinition survey, RoundCounts counts, boolean open) {
        long everyone = counts.responses();
        if (everyone < k) {
            return new DisclosedRound(survey, k, false, 0, Map.of(), List.of(), !open);
        }
        List<Question> answerQuestions = survey.questions().stream().filter(q -> !q.grouping()).toList();
        // each question's option ids once, shared by all its cells; counts are arrays in that order
        List<List<String>> optionIds = answerQuestions.stream().map(q -> List.copyOf(q.optionIds())).toList();
        long[][] overallCounts = new long[answerQuestions.size()][];
        Map<String, Cell> overall = new LinkedHashMap<>();
        for (int q = 0; q < answerQuestions.size(); q++) {
            Question question = answerQuestions.get(q);
            overallCounts[q] = counts(question.id(), optionIds.get(q), counts, RoundCounts.OVERALL);
            long answered = answered(question, optionIds.get(q), overallCounts[q]);
            overall.put(question.id(), answered >= k
                    ? Cell.shown(answered, optionIds.get(q), overallCounts[q].clone()) : Cell.hidden());
        }
        List<GroupingResult> groupings = new ArrayList<>();
        for (Question grouping : survey.questions()) {
            if (grouping.grouping() && !open) {
                groupings.add(grouping(grouping, answerQuestions, optionIds, counts, everyone, overallCounts, overall));
            }
        }
        return new DisclosedRound(survey, k, true, everyone, overall, groupings, !open);
    }

    private GroupingResult grouping(Question grouping, List<Question> answerQuestions, List<List<String>> optionIds,
            RoundCounts counts, long everyone, long[][] overallCounts, Map<String, Cell> overall) {
        List<String> parts = new ArrayList<>(grouping.optionIds());
        parts.add(GroupResult.DID_NOT_SAY);
        int didNotSay = parts.size() - 1;
        long[] sizes = new long[parts.size()];
        long named = 0;
        for (int i = 0; i < didNotSay; i++) {
            sizes[i] = counts.count(RoundCounts.groupHash(grouping.id(), parts.get(i)), RoundCounts.RESPONSES);
            named += sizes[i];
        }
        sizes[didNotSay] = Math.max(0, everyone - named);
        Set<Integer> hiddenGroups = suppress(sizes, Set.of());

        // every part's counts per question; "did not say" is what the named groups leave of the overall
        long[][][] partCounts = new long[parts.size()][answerQuestions.size()][];
        for (int q = 0; q < answerQuestions.size(); q++) {
            long[] left = overallCounts[q].clone();
            for (int i = 0; i < didNotSay; i++) {
                partCounts[i][q] = counts(answerQuestions.get(q).id(), optionIds.get(q), counts,
                        RoundCounts.groupHash(grouping.id(), parts.get(i)));
                for (int o = 0; o < left.length; o++) {
                    left[o] -= partCounts[i][q][o];
                }
            }
            for (int o = 0; o < left.length; o++) {
                left[o] = Math.max(0, left[o]);
            }
            partCounts[didNotSay][q] = left;
        }

        List<Map<String, Cell>> cells = new ArrayList<>();
        parts.forEach(part -> cells.add(new LinkedHashMap<>()));
        for (int q = 0; q < answerQuestions.size(); q++) {
            Question question = answerQuestions.get(q);
            long[] answered = new long[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                answered[i] = answered(question, optionIds.get(q), partCounts[i][q]);
            }
            Set<Integer> hiddenCells = overall.get(question.id()).shown()
                    ? suppress(answered, hiddenGroups)
                    : allOf(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                cells.get(i).put(question.id(), hiddenCells.contains(i) ? Cell.hidden()
                        : Cell.shown(answered[i], optionIds.get(q), partCounts[i][q]));
            }
        }
        List<GroupResult> groups = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            groups.add(hiddenGroups.contains(i)
                    ? new GroupResult(parts.get(i), false, 0, Map.of())
                    : new GroupResult(parts.get(i), true, sizes[i], cells.get(i)));
        }
        return new GroupingResult(grouping.id(), groups);
    }

    /**
     * Which parts of a whole to hide: every part with fewer than k people, plus whatever was hidden
     * already; then, while the hidden parts together hold 1 to k-1 people (recoverable by subtracting the shown
     * parts from the total), the smallest shown part that holds anyone.
     */
    Set<Integer> suppress(long[] sizes, Set<Integer> alreadyHidden) {
        Set<Integer> hidden = new HashSet<>(alreadyHidden);
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < k) {
                hidden.add(i);
            }
        }
        while (true) {
            long hiddenTotal = hidden.stream().mapToLong(i -> sizes[i]).sum();
            if (hiddenTotal == 0 || hiddenTotal >= k) {
                return hidden;
            }
            int smallest = -1;
            for (int i = 0; i < sizes.length; i++) {
                if (!hidden.contains(i) && sizes[i] > 0 && (smallest < 0 || sizes[i] < sizes[smallest])) {
                    smallest = i;
                }
            }
            if (smallest < 0) {
                return hidden;
            }
            hidden.add(smallest);
        }
    }

    private static Set<Integer> allOf(int size) {
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }

    private static long[] counts(String question, List<String> optionIds, RoundCounts counts, String hash) {
        long[] values = new long[optionIds.size()];
        for (int o = 0; o < values.length; o++) {
            values[o] = counts.count(hash, RoundCounts.field(question, optionIds.get(o)));
        }
        return values;
    }

    /**
     * The people who answered: "prefer not to say" is not an answer. A free-text answer can touch several
     * themes, so its count is at least the largest theme's.
     */
    static long answered(Question question, Map<String, Long> options) {
        return answered(question, List.copyOf(options.keySet()),
                options.values().stream().mapToLong(Long::longValue).toArray());
    }

    /** The same, for counts in the order of {@code optionIds}: the one place the rule is written. */
    static long answered(Question question, List<String> optionIds, long[] counts) {
        long answered = 0;
        for (int o = 0; o < counts.length; o++) {
            if (question.type() == SurveyDefinition.Type.FREETEXT) {
                answered = Math.max(answered, counts[o]);
            } else if (!optionIds.get(o).equals(PREFER_NOT_TO_SAY)) {
                answered += counts[o];
            }
        }
        return answered;
    }
}
