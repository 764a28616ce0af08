package org.signpost.dialogs.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the pages, the exports and the Teams summary show of one round, all of it built from
 * disclosed figures.
 *
 * @param released when the snapshot shown was taken; empty when nothing is released yet
 * @param previous the round compared with, if any
 */
public record RoundReport(String roundId, boolean open, boolean trial, Optional<Instant> released,
        DisclosedRound results, ResponseRates.Rates rates, List<ManagerGap.Gap> managerGaps,
        Optional<String> previous, List<RoundComparison.Change> changes, List<Priorities.Priority> priorities) {

    /** How the results are put together: k, who counts as a manager, when a group is under-represented. */
    public record Rules(int k, String managerGrouping, String managerValue, double underRepresentedRatio) {
        public Rules {
            new DisclosureControl(k);
            if (underRepresentedRatio <= 0 || underRepresentedRatio > 1) {
                throw new IllegalArgumentException("The under-represented ratio is above 0 and at most 1");
            }
        }
    }

    public static RoundReport build(Rules rules, String roundId, boolean open, boolean trial,
            Optional<Instant> released, DisclosedRound results, Map<String, Long> headcounts,
            Optional<String> previousId, Optional<DisclosedRound> previous) {
        List<ManagerGap.Gap> gaps = ManagerGap.gaps(results, rules.managerGrouping(), rules.managerValue());
        List<RoundComparison.Change> changes = previous.map(p -> RoundComparison.compare(p, results))
                .orElse(List.of());
        return new RoundReport(roundId, open, trial, released, results,
                ResponseRates.of(results, headcounts, rules.underRepresentedRatio()), gaps,
                previous.isPresent() ? previousId : Optional.empty(), changes,
                Priorities.of(results, gaps, changes));
    }
}
