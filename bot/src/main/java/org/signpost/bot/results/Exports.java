package org.signpost.bot.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.signpost.dialogs.results.ExportRows;
import org.signpost.dialogs.results.RoundReport;

/**
 * The disclosure-controlled table in three formats with the same columns and rows: CSV (RFC 4180),
 * XLSX and JSON. Text that a spreadsheet would run as a formula is defused.
 */
final class Exports {

    static final List<String> COLUMNS = List.of("survey", "round", "grouping", "group", "group_responses",
            "question", "question_text", "option", "option_text", "answered", "count", "note");

    private static final int ROWS_IN_MEMORY = 200;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Exports() {
    }

    /** The table, row after row: each row is made when written and dropped after, so none is held. */
    @FunctionalInterface
    interface Table {
        void each(Consumer<List<Object>> row);
    }

    /** Each row as the column values; numbers stay numbers, text stays text. */
    static Table table(RoundReport report, Labels labels) {
        String survey = report.results().survey().id();
        String notEnough = labels.text("results.notEnough");
        return sink -> ExportRows.each(report.results(), row -> sink.accept(Arrays.asList(survey,
                report.roundId(), row.grouping().orElse(""), row.group().orElse(""), number(row.groupResponses()),
                row.question(), labels.question(row.question()), row.option().orElse(""),
                row.option().map(option -> labels.option(row.question(), option)).orElse(""),
                number(row.answered()), number(row.count()), row.shown() ? "" : notEnough)));
    }

    /** Written as it is made: the largest round's CSV is 6.6 MB, never held whole. */
    static void csv(Table table, OutputStream out) throws IOException {
        CSVPrinter printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
        table.each(row -> {
            try {
                printer.printRecord(row.stream().map(Exports::cell).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        printer.flush();
    }

    /**
     * Streamed: only {@link #ROWS_IN_MEMORY} rows are held as cells at a time, the rest go to compressed temporary
     * files (owner-only, made by {@code Files.createTempFile}, deleted when the workbook closes). Built whole in
     * memory, the largest round the schema allows (72,600 rows) filled the shipped heap and stalled every turn.
     * Those files hold only the disclosure-controlled table HR downloads.
     */
    static void xlsx(Table table, String sheetName, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c));
            }
            int[] next = {1};
            table.each(values -> {
                Row row = sheet.createRow(next[0]++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof Long number) {
                        row.createCell(c).setCellValue(number);
                    } else if (value != null) {
                        // a string cell is never evaluated, but copied elsewhere it could be: defuse it too
                        row.createCell(c).setCellValue(defused((String) value));
                    }
                }
            });
            workbook.write(out);
        }
    }

    /**
     * Written as it is made, with Jackson's streaming generator: the largest round's JSON is 25 MB. If the table
     * fails part way, the document is left unfinished and the stream open: closed for it, it would be a shorter
     * document that parses, and the download would end as if whole.
     */
    static void json(RoundReport report, Table table, OutputStream out) throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("survey", report.results().survey().id());
        json.writeStringField("round", report.roundId());
        json.writeNumberField("k", report.results().k());
        json.writeStringField("released", report.released().map(Object::toString).orElse(null));
        json.writeBooleanField("trial", report.trial());
        json.writeFieldName("responses");
        if (report.results().shown()) {
            json.writeNumber(report.results().responses());
        } else {
            json.writeNull();
        }
        json.writeArrayFieldStart("rows");
        table.each(values -> {
            try {
                json.writeStartObject();
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object value = values.get(c);
                    json.writeFieldName(COLUMNS.get(c));
                    if (value instanceof Long number) {
                        json.writeNumber(number);
                    } else if (value instanceof String text && !text.isEmpty()) {
                        json.writeString(text);
                    } else {
                        json.writeNull();
                    }
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        json.writeEndArray();
        json.writeEndObject();
        json.close();
    }

    private static Object number(OptionalLong value) {
        return value.isPresent() ? (Object) value.getAsLong() : null;
    }

    private static Object cell(Object value) {
        return value instanceof String text ? defused(text) : value;
    }

    /**
     * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them) as a
     * formula; a leading apostrophe makes it text (OWASP's advice for CSV injection).
     */
    static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
