package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * Managers against everyone else, per agree/disagree question, widest gap first. "Everyone else" is
 * everyone minus the managers, both already shown; it is shown only when it too has k answers.
 */
public final class ManagerGap {

    public record Gap(String question, double managers, double others) {
        public double gap() {
            return managers - others;
        }
    }

    private ManagerGap() {
    }

    /** @param grouping the grouping question that says who manages people; {@code value} its manager option */
    public static List<Gap> gaps(DisclosedRound round, String grouping, String value) {
        List<Gap> gaps = new ArrayList<>();
        Optional<GroupResult> managers = round.grouping(grouping).flatMap(g -> g.group(value));
        if (!round.shown() || managers.isEmpty() || !managers.get().shown()) {
            return gaps;
        }
        for (Question question : round.survey().questions()) {
            Cell everyone = round.overall(question.id());
            Cell managerCell = managers.get().cell(question.id());
            if (!Favourable.applies(question) || !everyone.shown() || !managerCell.shown()) {
                continue;
            }
            Map<String, Long> rest = new LinkedHashMap<>(everyone.options());
            managerCell.options().forEach((option, count) -> rest.merge(option, -count, Long::sum));
            long restAnswered = everyone.answered() - managerCell.answered();
            if (restAnswered < round.k()) {
                continue;
            }
            Cell others = new Cell(true, restAnswered, rest);
            gaps.add(new Gap(question.id(), Favourable.share(question, managerCell).orElseThrow(),
                    Favourable.share(question, others).orElseThrow()));
        }
        gaps.sort(Comparator.comparingDouble((Gap g) -> -Math.abs(g.gap())).thenComparing(Gap::question));
        return gaps;
    }
}
