package org.signpost.dialogs.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * When a round's live counters may be released as a new snapshot, so that no two outputs of an open
 * round differ by fewer than k people in any figure they show:
 * <ul>
 * <li>not before k responses;</li>
 * <li>then only after at least k more responses than the last snapshot;</li>
 * <li>and only when every question's figures over everyone are either unchanged since the last snapshot
 * or were answered by at least k of the newcomers (otherwise the release waits for more).</li>
 * </ul>
 * While a round is open only figures over everyone are shown (see {@link DisclosureControl}): group
 * figures would move by fewer than k between releases, so they are published once, from the final
 * snapshot, when the round closes. The Redis adapter takes a snapshot only when this says so, atomically.
 */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * @param live the live counters over everyone ({@link RoundCounts#OVERALL}); group hashes are ignored
     * @param last the last snapshot over everyone, if there is one
     */
    public static boolean release(int k, SurveyDefinition survey, RoundCounts live, Optional<RoundCounts> last) {
        new DisclosureControl(k);
        if (live.responses() < k) {
            return false;
        }
        if (last.isEmpty()) {
            return true;
        }
        if (live.responses() - last.get().responses() < k) {
            return false;
        }
        for (Question question : survey.questions()) {
            if (!question.grouping() && !passes(k, question, live, last.get())) {
                return false;
            }
        }
        return true;
    }

    /** A question's figures over everyone are unchanged, or the change was answered by at least k people. */
    private static boolean passes(int k, Question question, RoundCounts live, RoundCounts last) {
        Map<String, Long> change = new LinkedHashMap<>();
        boolean changed = false;
        for (String option : question.optionIds()) {
            String field = RoundCounts.field(question.id(), option);
            long delta = live.count(RoundCounts.OVERALL, field) - last.count(RoundCounts.OVERALL, field);
            change.put(option, delta);
            changed |= delta != 0;
        }
        return !changed || DisclosureControl.answered(question, change) >= k;
    }
}
