package org.signpost.dialogs.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.survey.SurveyDefinition;

/**
 * A round's results after disclosure control: the only form in which any output (page, CSV, XLSX, JSON,
 * Teams) gets numbers. Built only by {@link DisclosureControl}.
 *
 * @param shown     false when the round has fewer than k responses: then nothing else is shown
 * @param overall   every non-grouping question over everyone
 * @param groupings each grouping question's groups; none while the round is open
 * @param groupsReleased false while the round is open: groups are published when it closes
 */
public record DisclosedRound(SurveyDefinition survey, int k, boolean shown, long responses,
        Map<String, Cell> overall, List<GroupingResult> groupings, boolean groupsReleased) {

    public DisclosedRound {
        overall = Map.copyOf(overall);
        groupings = List.copyOf(groupings);
        if (!shown && (responses != 0 || !overall.isEmpty() || !groupings.isEmpty())) {
            throw new IllegalArgumentException("A round with too few responses carries no number");
        }
        if (!groupsReleased && !groupings.isEmpty()) {
            throw new IllegalArgumentException("An open round shows no group");
        }
    }

    public Cell overall(String question) {
        return overall.getOrDefault(question, Cell.hidden());
    }

    public Optional<GroupingResult> grouping(String question) {
        return groupings.stream().filter(g -> g.question().equals(question)).findFirst();
    }
}
