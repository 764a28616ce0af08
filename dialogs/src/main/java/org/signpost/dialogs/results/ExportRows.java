package org.signpost.dialogs.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * The disclosure-controlled table as rows, one per option of each question, over everyone and per group;
 * CSV, XLSX and JSON write exactly these rows. A hidden group or question gives one row with no numbers.
 *
 * @param grouping empty for everyone
 * @param option   empty on a hidden row
 * @param count    empty on a hidden row
 */
public record ExportRows(List<Row> rows) {

    public record Row(Optional<String> grouping, Optional<String> group, OptionalLong groupResponses,
            String question, Optional<String> option, OptionalLong answered, OptionalLong count) {
        public boolean shown() {
            return count.isPresent();
        }
    }

    /** Every row, held in a list (small rounds, tests); the exports use {@link #each}. */
    public static ExportRows of(DisclosedRound round) {
        List<Row> rows = new ArrayList<>();
        each(round, rows::add);
        return new ExportRows(List.copyOf(rows));
    }

    /**
     * Every row in order, handed to {@code rows} one at a time and held nowhere: the largest round the schema
     * allows has 72,600 rows.
     */
    public static void each(DisclosedRound round, Consumer<Row> rows) {
        if (!round.shown()) {
            return;
        }
        for (Question question : round.survey().questions()) {
            if (!question.grouping()) {
                add(rows, Optional.empty(), Optional.empty(), OptionalLong.of(round.responses()), question,
                        round.overall(question.id()));
            }
        }
        for (GroupingResult grouping : round.groupings()) {
            for (GroupResult group : grouping.groups()) {
                OptionalLong size = group.shown() ? OptionalLong.of(group.responses()) : OptionalLong.empty();
                for (Question question : round.survey().questions()) {
                    if (!question.grouping()) {
                        add(rows, Optional.of(grouping.question()), Optional.of(group.value()), size, question,
                                group.cell(question.id()));
                    }
                }
            }
        }
    }

    private static void add(Consumer<Row> rows, Optional<String> grouping, Optional<String> group,
            OptionalLong groupResponses, Question question, Cell cell) {
        if (!cell.shown()) {
            rows.accept(new Row(grouping, group, groupResponses, question.id(), Optional.empty(), OptionalLong.empty(),
                    OptionalLong.empty()));
            return;
        }
        OptionalLong answered = OptionalLong.of(cell.answered());
        cell.forEachOption((option, count) -> rows.accept(new Row(grouping, group, groupResponses, question.id(),
                Optional.of(option), answered, OptionalLong.of(count))));
    }
}
