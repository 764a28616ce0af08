package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * Round on round: the change of the favourable share per question, over everyone and per group, only
 * where the cell passes disclosure control in both rounds; a two-proportion z-test marks the changes
 * that are significant at 95%.
 */
public final class RoundComparison {

    /** |z| at or above this is significant at 95% (two-sided). */
    static final double Z_95 = 1.959964;

    /** @param grouping empty for everyone */
    public record Change(String question, Optional<String> grouping, Optional<String> group, double before,
            double after, double z, boolean significant) {
        public double change() {
            return after - before;
        }
    }

    private RoundComparison() {
    }

    public static List<Change> compare(DisclosedRound previous, DisclosedRound current) {
        List<Change> changes = new ArrayList<>();
        if (!previous.shown() || !current.shown()) {
            return changes;
        }
        for (Question question : current.survey().questions()) {
            if (!Favourable.applies(question) || previous.survey().question(question.id()).isEmpty()) {
                continue;
            }
            change(question, Optional.empty(), Optional.empty(), previous.overall(question.id()),
                    current.overall(question.id())).ifPresent(changes::add);
        }
        for (GroupingResult grouping : current.groupings()) {
            for (GroupResult group : grouping.groups()) {
                Optional<GroupResult> before = previous.grouping(grouping.question())
                        .flatMap(g -> g.group(group.value()));
                if (before.isEmpty() || !before.get().shown() || !group.shown()) {
                    continue;
                }
                for (Question question : current.survey().questions()) {
                    if (Favourable.applies(question) && previous.survey().question(question.id()).isPresent()) {
                        change(question, Optional.of(grouping.question()), Optional.of(group.value()),
                                before.get().cell(question.id()), group.cell(question.id())).ifPresent(changes::add);
                    }
                }
            }
        }
        return changes;
    }

    private static Optional<Change> change(Question question, Optional<String> grouping, Optional<String> group,
            Cell before, Cell after) {
        if (!before.shown() || !after.shown() || before.answered() == 0 || after.answered() == 0) {
            return Optional.empty();
        }
        double z = z(Favourable.favourable(before), before.answered(), Favourable.favourable(after), after.answered());
        return Optional.of(new Change(question.id(), grouping, group,
                (double) Favourable.favourable(before) / before.answered(),
                (double) Favourable.favourable(after) / after.answered(), z, Math.abs(z) >= Z_95));
    }

    /** Two-proportion z statistic with the pooled proportion; 0 when there is no variation at all. */
    static double z(long x1, long n1, long x2, long n2) {
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return se == 0 ? 0 : ((double) x2 / n2 - (double) x1 / n1) / se;
    }
}
