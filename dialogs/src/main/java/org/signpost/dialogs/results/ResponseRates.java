package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Response rates against the headcounts HR gives. A group is under-represented when its rate is below
 * {@code ratio} times the overall rate. A hidden group's rate is not shown; it is still flagged when even
 * k-1 responses would leave it under-represented, which says nothing about how many it has.
 */
public final class ResponseRates {

    /** @param headcounts "all" for everyone, "grouping:value" per group */
    public record Rates(OptionalLong headcount, OptionalDouble overall, List<GroupRate> groups) {
    }

    /** @param rate empty when the group is hidden or has no headcount */
    public record GroupRate(String grouping, String value, boolean shown, OptionalLong headcount,
            OptionalDouble rate, boolean underRepresented) {
    }

    public static final String ALL = "all";

    private ResponseRates() {
    }

    public static Rates of(DisclosedRound round, Map<String, Long> headcounts, double ratio) {
        OptionalLong total = positive(headcounts.get(ALL));
        OptionalDouble overall = round.shown() && total.isPresent()
                ? OptionalDouble.of((double) round.responses() / total.getAsLong())
                : OptionalDouble.empty();
        List<GroupRate> groups = new ArrayList<>();
        for (GroupingResult grouping : round.groupings()) {
            for (GroupResult group : grouping.groups()) {
                if (group.value().equals(GroupResult.DID_NOT_SAY)) {
                    continue;
                }
                OptionalLong headcount = positive(headcounts.get(grouping.question() + ":" + group.value()));
                OptionalDouble rate = group.shown() && headcount.isPresent()
                        ? OptionalDouble.of((double) group.responses() / headcount.getAsLong())
                        : OptionalDouble.empty();
                boolean under = false;
                if (overall.isPresent() && headcount.isPresent()) {
                    double bar = ratio * overall.getAsDouble();
                    under = group.shown() ? rate.getAsDouble() < bar
                            : (double) (round.k() - 1) / headcount.getAsLong() < bar;
                }
                groups.add(new GroupRate(grouping.question(), group.value(), group.shown(), headcount, rate, under));
            }
        }
        return new Rates(total, overall, groups);
    }

    private static OptionalLong positive(Long value) {
        return value == null || value <= 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
