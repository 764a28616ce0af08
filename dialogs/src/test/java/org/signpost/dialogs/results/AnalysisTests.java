package org.signpost.dialogs.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is derived from the disclosed figures: manager gaps, response rates, priorities. */
class AnalysisTests {

    final DisclosureControl control = new DisclosureControl(10);

    @Test
    void managersAreComparedWithEveryoneElseWidestGapFirst() {
        DisclosedRound round = control.disclose(Population.SURVEY, new Population()
                .add(12, "workload", "agree", "manager-support", "agree", "role", "manager")
                .add(8, "workload", "disagree", "manager-support", "agree", "role", "not-manager")
                .add(10, "workload", "disagree", "manager-support", "disagree", "role", "not-manager").counts());

        List<ManagerGap.Gap> gaps = ManagerGap.gaps(round, "role", "manager");

        assertThat(gaps).extracting(ManagerGap.Gap::question).containsExactly("workload", "manager-support");
        assertThat(gaps.get(0).managers()).isEqualTo(1.0);
        assertThat(gaps.get(0).others()).isEqualTo(0.0);
        assertThat(gaps.get(1).others()).isEqualTo(8.0 / 18);
    }

    @Test
    void noGapWhenEveryoneElseIsFewerThanK() {
        DisclosedRound round = control.disclose(Population.SURVEY, new Population()
                .add(25, "workload", "agree", "role", "manager")
                .add(12, "role", "not-manager")
                .add(6, "workload", "disagree", "role", "not-manager").counts());
        assertThat(ManagerGap.gaps(round, "role", "manager")).isEmpty();
    }

    @Test
    void groupsBelowTheShareOfTheOverallRateAreFlagged() {
        DisclosedRound round = control.disclose(Population.SURVEY, new Population()
                .add(30, "workload", "agree", "area", "north")
                .add(10, "workload", "agree", "area", "south")
                .add(3, "workload", "agree", "area", "east").counts());
        // overall 43 of 86 = 50%; bar 40%. north 30/50 = 60%; south hidden (complement of east)
        ResponseRates.Rates rates = ResponseRates.of(round, Map.of("all", 86L, "area:north", 50L,
                "area:south", 30L, "area:east", 6L), 0.8);
        assertThat(rates.overall().getAsDouble()).isEqualTo(0.5);
        ResponseRates.GroupRate north = rate(rates, "north");
        assertThat(north.rate().getAsDouble()).isEqualTo(0.6);
        assertThat(north.underRepresented()).isFalse();
        ResponseRates.GroupRate south = rate(rates, "south");
        assertThat(south.rate()).as("hidden: no rate").isEmpty();
        assertThat(south.underRepresented()).as("even 9 of 30 would be 30%").isTrue();
        assertThat(rate(rates, "east").underRepresented()).as("9 of 6 could be anything").isFalse();
    }

    @Test
    void theTopPrioritiesTakeOneOfEachKindInTurnEachQuestionOnce() {
        List<Priorities.Priority> all = List.of(
                new Priorities.Priority(Priorities.Kind.LOWEST, "a", 0.1, Double.NaN, false),
                new Priorities.Priority(Priorities.Kind.LOWEST, "b", 0.2, Double.NaN, false),
                new Priorities.Priority(Priorities.Kind.MANAGER_GAP, "a", 0.9, 0.1, false),
                new Priorities.Priority(Priorities.Kind.MANAGER_GAP, "c", 0.8, 0.3, false),
                new Priorities.Priority(Priorities.Kind.FALL, "d", 0.3, 0.6, true));
        assertThat(Priorities.top(all, 3)).extracting(Priorities.Priority::question).containsExactly("d", "a", "c");
    }

    private static ResponseRates.GroupRate rate(ResponseRates.Rates rates, String value) {
        Optional<ResponseRates.GroupRate> found = rates.groups().stream().filter(r -> r.value().equals(value))
                .findFirst();
        return found.orElseThrow();
    }
}
