package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.results.DisclosedRound;
import org.signpost.dialogs.results.DisclosureControl;
import org.signpost.dialogs.results.ExportRows;
import org.signpost.dialogs.results.RoundCounts;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * Exported text that a spreadsheet would run as a formula is defused; numbers stay numbers; the exports are
 * written row by row as they are made and say exactly what the table built whole used to say.
 */
class ExportsTests {

    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final Labels LABELS = new Labels(SURVEY, new Messages(ContentFolder.shipped()).wording("en-GB"));

    @Test
    void textThatLooksLikeAFormulaIsDefusedInCsv() throws IOException {
        List<Object> row = new ArrayList<>(Arrays.asList("=HYPERLINK(\"http://evil\",\"x\")", "+1", "-2", "@SUM(A1)",
                "\tcmd", "plain, with \"quotes\"", 7L, null));
        while (row.size() < Exports.COLUMNS.size()) {
            row.add("");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.csv(sink -> sink.accept(row), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        String line = csv.split("\r\n")[1];
        assertThat(line).startsWith("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tcmd,"
                + "\"plain, with \"\"quotes\"\"\",7,");
        assertThat(csv.split("\r\n")[0]).isEqualTo(String.join(",", Exports.COLUMNS));
    }

    @Test
    void plainTextIsLeftAlone() {
        assertThat(Exports.defused("Front-line services")).isEqualTo("Front-line services");
        assertThat(Exports.defused("")).isEmpty();
    }

    /**
     * The streamed JSON is byte for byte the document the export used to build whole in memory (a list of row
     * maps written by an indenting {@code ObjectMapper}), for a closed round of the shipped survey where some
     * groups are too small to show; those stay rows with no number.
     */
    @Test
    void theStreamedJsonIsTheDocumentBuiltWholeAndHiddenGroupsStayHidden() throws IOException {
        RoundReport report = fixtureRound();
        List<List<String>> hidden = report.results().groupings().stream()
                .flatMap(grouping -> grouping.groups().stream().filter(group -> !group.shown())
                        .map(group -> List.of(grouping.question(), group.value())))
                .toList();
        assertThat(hidden).as("the fixture has groups too small to show").isNotEmpty();

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Exports.json(report, Exports.table(report, LABELS), streamed);
        assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(wholeDocument(report));

        JsonNode json = new ObjectMapper().readTree(streamed.toByteArray());
        for (List<String> group : hidden) {
            List<JsonNode> rows = new ArrayList<>();
            json.get("rows").forEach(row -> {
                if (row.get("grouping").asText().equals(group.get(0)) && row.get("group").asText().equals(group.get(1))) {
                    rows.add(row);
                }
            });
            assertThat(rows).isNotEmpty().allSatisfy(row -> {
                assertThat(row.get("group_responses").isNull()).isTrue();
                assertThat(row.get("count").isNull()).isTrue();
                assertThat(row.get("answered").isNull()).isTrue();
                assertThat(row.get("option").isNull()).isTrue();
                assertThat(row.get("note").asText()).isEqualTo(LABELS.text("results.notEnough"));
            });
        }
    }

    @Test
    void theStreamedCsvHasOneLinePerRowOfTheTable() throws IOException {
        RoundReport report = fixtureRound();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.csv(Exports.table(report, LABELS), out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(1 + ExportRows.of(report.results()).rows().size());
        assertThat(lines[1]).startsWith("staff-survey,fixture,,," + report.results().responses() + ",");
    }

    /**
     * An export whose table fails part way leaves what it wrote unfinished, and its stream open: a JSON document
     * closed for it would be a shorter file that looks whole, and a closed stream would end the download cleanly.
     */
    @Test
    void anExportThatBreaksOffIsLeftUnfinishedAndItsStreamOpen() {
        RoundReport report = fixtureRound();
        Exports.Table whole = Exports.table(report, LABELS);
        Exports.Table broken = sink -> {
            int[] rows = {0};
            whole.each(row -> {
                if (++rows[0] == 50) {
                    throw new IllegalStateException("broken off");
                }
                sink.accept(row);
            });
        };
        ClosingWatched json = new ClosingWatched();
        assertThatThrownBy(() -> Exports.json(report, broken, json)).hasMessage("broken off");
        assertThat(json.closed).as("the stream is left open").isFalse();
        assertThatThrownBy(() -> new ObjectMapper().readTree(json.toByteArray()))
                .as("what was written is not a whole JSON document").isInstanceOf(IOException.class);
        ClosingWatched csv = new ClosingWatched();
        assertThatThrownBy(() -> Exports.csv(broken, csv)).hasMessage("broken off");
        assertThat(csv.closed).isFalse();
        ClosingWatched xlsx = new ClosingWatched();
        assertThatThrownBy(() -> Exports.xlsx(broken, "fixture", xlsx)).hasMessage("broken off");
        assertThat(xlsx.closed).isFalse();
        assertThat(xlsx.size()).as("nothing of the workbook is written before its rows are all made").isZero();
    }

    private static final class ClosingWatched extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    /** 400 people of the shipped survey, a few in groups of fewer than k, counted as the survey counts them. */
    static RoundReport fixtureRound() {
        Random random = new Random(14);
        Map<String, Map<String, Long>> hashes = new HashMap<>();
        CounterLayout.allFields(SURVEY).forEach((hash, fields) -> hashes.put(hash, new HashMap<>()));
        for (int person = 0; person < 400; person++) {
            List<String> mine = new ArrayList<>(List.of(RoundCounts.OVERALL));
            List<String> answers = new ArrayList<>();
            for (Question question : SURVEY.questions()) {
                List<String> options = question.optionIds();
                if (question.grouping()) {
                    if (random.nextInt(10) == 0) {
                        continue; // did not say
                    }
                    // the last value is rare: a group of fewer than k
                    String value = options.get(random.nextInt(50) == 0 ? options.size() - 1
                            : random.nextInt(options.size() - 1));
                    answers.add(question.id() + ":" + value);
                    mine.add("by:" + question.id() + ":" + value);
                } else if (question.type() == SurveyDefinition.Type.FREETEXT) {
                    answers.add(question.id() + ":" + options.get(random.nextInt(options.size())));
                } else if (random.nextInt(8) > 0) {
                    answers.add(question.id() + ":" + options.get(random.nextInt(options.size())));
                }
            }
            for (String hash : mine) {
                hashes.get(hash).merge(RoundCounts.RESPONSES, 1L, Long::sum);
                for (String answer : answers) {
                    if (hash.equals(RoundCounts.OVERALL) || isAnswer(answer)) {
                        hashes.get(hash).merge(answer, 1L, Long::sum);
                    }
                }
            }
        }
        DisclosedRound results = new DisclosureControl(DisclosureControl.DEFAULT_K)
                .disclose(SURVEY, new RoundCounts(hashes), false);
        return RoundReport.build(new RoundReport.Rules(DisclosureControl.DEFAULT_K, "role", "manager", 0.8), "fixture",
                false, false, Optional.of(Instant.parse("2026-11-30T12:00:00Z")), results, Map.of(), Optional.empty(),
                Optional.empty());
    }

    /** Group hashes count only the answers to questions that are not grouping questions. */
    private static boolean isAnswer(String field) {
        String question = field.substring(0, field.indexOf(':'));
        return SURVEY.question(question).map(q -> !q.grouping()).orElse(false);
    }

    /** The JSON export as it was built before it streamed: every row a map, the document written whole. */
    private static String wholeDocument(RoundReport report) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        String notEnough = LABELS.text("results.notEnough");
        for (ExportRows.Row row : ExportRows.of(report.results()).rows()) {
            List<Object> values = Arrays.asList(report.results().survey().id(), report.roundId(),
                    row.grouping().orElse(""), row.group().orElse(""), number(row.groupResponses()), row.question(),
                    LABELS.question(row.question()), row.option().orElse(""),
                    row.option().map(option -> LABELS.option(row.question(), option)).orElse(""),
                    number(row.answered()), number(row.count()), row.shown() ? "" : notEnough);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int c = 0; c < Exports.COLUMNS.size(); c++) {
                Object value = values.get(c);
                map.put(Exports.COLUMNS.get(c), value instanceof String text && text.isEmpty() ? null : value);
            }
            rows.add(map);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("survey", report.results().survey().id());
        document.put("round", report.roundId());
        document.put("k", report.results().k());
        document.put("released", report.released().map(Object::toString).orElse(null));
        document.put("trial", report.trial());
        document.put("responses", report.results().shown() ? report.results().responses() : null);
        document.put("rows", rows);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
    }

    private static Object number(OptionalLong value) {
        return value.isPresent() ? (Object) value.getAsLong() : null;
    }
}
