package org.signpost.bot.results;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.results.Cell;
import org.signpost.dialogs.results.DisclosedRound;
import org.signpost.dialogs.results.Favourable;
import org.signpost.dialogs.results.GroupResult;
import org.signpost.dialogs.results.GroupingResult;
import org.signpost.dialogs.results.ManagerGap;
import org.signpost.dialogs.results.Priorities;
import org.signpost.dialogs.results.ResponseRates;
import org.signpost.dialogs.results.RoundComparison;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * What the round pages show, as text ready for the templates: every figure comes from the report, so from
 * disclosure control; a hidden figure becomes the words "not enough responses", never a number.
 */
final class RoundView {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

    /** A table: its caption, column headings and rows; a row's cells are text. */
    record Table(String id, String caption, String chart, List<String> columns, List<TableRow> rows) {
    }

    /** A row: its heading, its cells (numbers as text, to chart: {@code value} holds the plain number). */
    record TableRow(String heading, List<Value> cells, boolean hidden) {
    }

    record Value(String text, String value) {
        static Value of(String text) {
            return new Value(text, "");
        }

        static Value number(long count) {
            return new Value(Long.toString(count), Long.toString(count));
        }

        static Value share(Labels labels, double share) {
            return new Value(labels.percent(share), Long.toString(Math.round(share * 100)));
        }
    }

    record Priority(String kind, String question, String why) {
    }

    private RoundView() {
    }

    static String released(RoundReport report) {
        return report.released().map(at -> WHEN.format(at.atZone(LONDON))).orElse("");
    }

    /** Responses and response rate, overall and per group. */
    static Table rates(RoundReport report, Labels labels) {
        ResponseRates.Rates rates = report.rates();
        List<TableRow> rows = new ArrayList<>();
        DisclosedRound results = report.results();
        rows.add(new TableRow(labels.text("results.everyone"), List.of(Value.of(""),
                Value.of(results.shown() ? Long.toString(results.responses()) : labels.text("results.notEnough")),
                Value.of(rates.headcount().isPresent() ? Long.toString(rates.headcount().getAsLong()) : "\u2013"),
                rates.overall().isPresent() ? Value.share(labels, rates.overall().getAsDouble()) : Value.of("\u2013"),
                Value.of("")), false));
        for (GroupingResult grouping : results.groupings()) {
            for (GroupResult group : grouping.groups()) {
                Optional<ResponseRates.GroupRate> rate = rates.groups().stream()
                        .filter(r -> r.grouping().equals(grouping.question()) && r.value().equals(group.value()))
                        .findFirst();
                String flag = rate.filter(ResponseRates.GroupRate::underRepresented)
                        .map(r -> labels.text(r.shown() ? "results.rates.under" : "results.rates.underHidden"))
                        .orElse("");
                rows.add(new TableRow(labels.group(grouping.question(), group.value()), List.of(
                        Value.of(labels.grouping(grouping.question())),
                        Value.of(group.shown() ? Long.toString(group.responses()) : labels.text("results.notEnough")),
                        Value.of(rate.flatMap(r -> r.headcount().isPresent() ? Optional.of(r.headcount().getAsLong())
                                : Optional.empty()).map(Object::toString).orElse("\u2013")),
                        rate.filter(r -> r.rate().isPresent()).map(r -> Value.share(labels, r.rate().getAsDouble()))
                                .orElse(Value.of("\u2013")),
                        Value.of(flag)), false));
            }
        }
        return new Table("rates", labels.text("results.rates.caption"), "",
                List.of(labels.text("results.group"), labels.text("results.grouping"),
                        labels.text("results.responses"), labels.text("results.headcount"),
                        labels.text("results.rate"), labels.text("results.rates.flag")), rows);
    }

    /** Every agree/disagree question over everyone: a stacked bar of the five points, with favourable %. */
    static Table agreement(RoundReport report, Labels labels) {
        SurveyDefinition survey = report.results().survey();
        List<Question> likert = survey.questions().stream().filter(Favourable::applies).toList();
        List<String> options = likert.isEmpty() ? List.of() : likert.get(0).optionIds();
        List<String> columns = new ArrayList<>(List.of(labels.text("results.question")));
        options.forEach(option -> columns.add(labels.option(likert.get(0).id(), option)));
        columns.add(labels.text("results.answered"));
        columns.add(labels.text("results.favourable"));
        List<TableRow> rows = new ArrayList<>();
        for (Question question : likert) {
            rows.add(distributionRow(labels.question(question.id()), question, report.results().overall(question.id()),
                    options, labels));
        }
        return new Table("agreement", labels.text("results.agreement.caption"), "stacked", columns, rows);
    }

    /** Any other choice question over everyone, one table each. */
    static List<Table> choices(RoundReport report, Labels labels) {
        List<Table> tables = new ArrayList<>();
        for (Question question : report.results().survey().questions()) {
            if (question.type() != SurveyDefinition.Type.SINGLE) {
                continue;
            }
            Cell cell = report.results().overall(question.id());
            List<TableRow> rows = new ArrayList<>();
            if (!cell.shown()) {
                rows.add(new TableRow(labels.text("results.notEnough"), List.of(), true));
            } else {
                cell.options().forEach((option, count) -> rows.add(new TableRow(labels.option(question.id(), option),
                        List.of(Value.number(count)), false)));
            }
            tables.add(new Table("choice-" + question.id(), labels.question(question.id()), "bar",
                    List.of(labels.text("results.answer"), labels.text("results.people")), rows));
        }
        return tables;
    }

    /** One question by the groups of one grouping, everyone first. */
    static Table byGroup(RoundReport report, Labels labels, Question question, GroupingResult grouping) {
        List<String> options = question.optionIds();
        List<String> columns = new ArrayList<>(List.of(labels.text("results.group")));
        options.forEach(option -> columns.add(labels.option(question.id(), option)));
        columns.add(labels.text("results.answered"));
        if (Favourable.applies(question)) {
            columns.add(labels.text("results.favourable"));
        }
        List<TableRow> rows = new ArrayList<>();
        rows.add(distributionRow(labels.text("results.everyone"), question, report.results().overall(question.id()),
                options, labels));
        for (GroupResult group : grouping.groups()) {
            rows.add(distributionRow(labels.group(grouping.question(), group.value()), question,
                    group.cell(question.id()), options, labels));
        }
        String chart = question.type() == SurveyDefinition.Type.FREETEXT ? "" : "stacked";
        return new Table("q-" + question.id(), labels.question(question.id()), chart, columns, rows);
    }

    static Table managerGaps(RoundReport report, Labels labels) {
        List<TableRow> rows = new ArrayList<>();
        for (ManagerGap.Gap gap : report.managerGaps()) {
            rows.add(new TableRow(labels.question(gap.question()), List.of(Value.share(labels, gap.managers()),
                    Value.share(labels, gap.others()), new Value(labels.points(gap.gap()),
                            Long.toString(Math.round(gap.gap() * 100)))), false));
        }
        return new Table("gaps", labels.text("results.gaps.caption"), "bar",
                List.of(labels.text("results.question"), labels.text("results.managers"),
                        labels.text("results.others"), labels.text("results.gap")), rows);
    }

    static Table changes(RoundReport report, Labels labels) {
        List<TableRow> rows = new ArrayList<>();
        for (RoundComparison.Change change : report.changes()) {
            if (change.grouping().isPresent()) {
                continue;
            }
            rows.add(new TableRow(labels.question(change.question()), List.of(Value.share(labels, change.before()),
                    Value.share(labels, change.after()), new Value(labels.points(change.change()),
                            Long.toString(Math.round(change.change() * 100))),
                    Value.of(labels.text(change.significant() ? "results.significant" : "results.notSignificant"))),
                    false));
        }
        return new Table("changes", labels.text("results.changes.caption"), "",
                List.of(labels.text("results.question"), labels.text("results.before"), labels.text("results.now"),
                        labels.text("results.change"), labels.text("results.significance")), rows);
    }

    static Table themes(RoundReport report, Labels labels) {
        List<TableRow> rows = new ArrayList<>();
        for (Question question : report.results().survey().questions()) {
            if (question.type() != SurveyDefinition.Type.FREETEXT) {
                continue;
            }
            Cell cell = report.results().overall(question.id());
            if (!cell.shown()) {
                rows.add(new TableRow(labels.text("results.notEnough"), List.of(), true));
                continue;
            }
            cell.options().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(theme -> rows.add(new TableRow(labels.option(question.id(), theme.getKey()),
                            List.of(Value.number(theme.getValue())), false)));
        }
        return new Table("themes", labels.text("results.themes.caption"), "bar",
                List.of(labels.text("results.theme"), labels.text("results.people")), rows);
    }

    static List<Priority> priorities(List<Priorities.Priority> priorities, Labels labels) {
        List<Priority> shown = new ArrayList<>();
        for (Priorities.Priority priority : priorities) {
            String why = switch (priority.kind()) {
                case LOWEST -> labels.text("results.priority.lowest.why").replace("{share}",
                        labels.percent(priority.value()));
                case MANAGER_GAP -> labels.text("results.priority.gap.why")
                        .replace("{managers}", labels.percent(priority.value()))
                        .replace("{others}", labels.percent(priority.other()));
                case FALL -> labels.text(priority.significant() ? "results.priority.fall.why.significant"
                        : "results.priority.fall.why").replace("{before}", labels.percent(priority.other()))
                        .replace("{now}", labels.percent(priority.value()));
            };
            String kind = priority.kind().name().toLowerCase(Locale.ROOT);
            shown.add(new Priority(labels.text("results.priority." + kind), labels.question(priority.question()), why));
        }
        return shown;
    }

    private static TableRow distributionRow(String heading, Question question, Cell cell, List<String> options,
            Labels labels) {
        if (!cell.shown()) {
            return new TableRow(heading, List.of(), true);
        }
        List<Value> cells = new ArrayList<>();
        options.forEach(option -> cells.add(Value.number(cell.count(option))));
        cells.add(Value.of(Long.toString(cell.answered())));
        if (Favourable.applies(question)) {
            cells.add(Value.of(Favourable.share(question, cell).stream().mapToObj(labels::percent).findFirst()
                    .orElse("\u2013")));
        }
        return new TableRow(heading, cells, false);
    }
}
