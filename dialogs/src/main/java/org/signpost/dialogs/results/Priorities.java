package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * Candidates for the action plan, each with why: the lowest-scoring questions, the widest gaps between
 * managers and everyone else, and the biggest falls since the last round. Built only from disclosed
 * figures, so it shows nothing the tables do not.
 */
public final class Priorities {

    public enum Kind { LOWEST, MANAGER_GAP, FALL }

    /**
     * @param value the favourable share (LOWEST), managers' share (MANAGER_GAP) or this round's (FALL)
     * @param other everyone else's share (MANAGER_GAP) or the last round's (FALL); NaN for LOWEST
     */
    public record Priority(Kind kind, String question, double value, double other, boolean significant) {
    }

    static final int PER_KIND = 3;

    private Priorities() {
    }

    public static List<Priority> of(DisclosedRound round, List<ManagerGap.Gap> gaps,
            List<RoundComparison.Change> changes) {
        List<Priority> priorities = new ArrayList<>();
        List<Priority> lowest = new ArrayList<>();
        for (Question question : round.survey().questions()) {
            Favourable.share(question, round.overall(question.id())).ifPresent(share ->
                    lowest.add(new Priority(Kind.LOWEST, question.id(), share, Double.NaN, false)));
        }
        lowest.sort(Comparator.comparingDouble(Priority::value).thenComparing(Priority::question));
        priorities.addAll(lowest.subList(0, Math.min(PER_KIND, lowest.size())));
        gaps.stream().filter(gap -> gap.gap() != 0).limit(PER_KIND).forEach(gap -> priorities.add(
                new Priority(Kind.MANAGER_GAP, gap.question(), gap.managers(), gap.others(), false)));
        changes.stream().filter(change -> change.grouping().isEmpty() && change.change() < 0)
                .sorted(Comparator.comparingDouble(RoundComparison.Change::change)
                        .thenComparing(RoundComparison.Change::question))
                .limit(PER_KIND)
                .forEach(change -> priorities.add(new Priority(Kind.FALL, change.question(), change.after(),
                        change.before(), change.significant())));
        return priorities;
    }

    /** The first {@code count} priorities: one of each kind in turn (falls first), each question once. */
    public static List<Priority> top(List<Priority> priorities, int count) {
        List<Priority> top = new ArrayList<>();
        Set<String> questions = new HashSet<>();
        List<Iterator<Priority>> kinds = new ArrayList<>();
        for (Kind kind : List.of(Kind.FALL, Kind.LOWEST, Kind.MANAGER_GAP)) {
            kinds.add(priorities.stream().filter(p -> p.kind() == kind).iterator());
        }
        boolean more = true;
        while (top.size() < count && more) {
            more = false;
            for (Iterator<Priority> kind : kinds) {
                while (kind.hasNext() && top.size() < count) {
                    Priority next = kind.next();
                    if (questions.add(next.question())) {
                        top.add(next);
                        more = true;
                        break;
                    }
                }
            }
        }
        return top;
    }
}
