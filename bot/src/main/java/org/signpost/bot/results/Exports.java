package org.signpost.bot.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

    /** Each row as the column values; numbers stay numbers, text stays text. */
    static List<List<Object>> table(RoundReport report, Labels labels) {
        List<List<Object>> table = new ArrayList<>();
        String notEnough = labels.text("results.notEnough");
        for (ExportRows.Row row : ExportRows.of(report.results()).rows()) {
            List<Object> values = new ArrayList<>();
            values.add(report.results().survey().id());
            values.add(report.roundId());
            values.add(row.grouping().orElse(""));
            values.add(row.group().orElse(""));
            values.add(number(row.groupResponses()));
            values.add(row.question());
            values.add(labels.question(row.question()));
            values.add(row.option().orElse(""));
            values.add(row.option().map(option -> labels.option(row.question(), option)).orElse(""));
            values.add(number(row.answered()));
            values.add(number(row.count()));
            values.add(row.shown() ? "" : notEnough);
            table.add(values);
        }
        return table;
    }

    static byte[] csv(List<List<Object>> table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (List<Object> row : table) {
                printer.printRecord(row.stream().map(Exports::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Streamed: only {@link #ROWS_IN_MEMORY} rows are held as cells at a time, the rest go to compressed temporary
     * files (owner-only, made by {@code Files.createTempFile}, deleted when the workbook closes). Built whole in
     * memory, the largest round the schema allows (72,600 rows) filled the shipped heap and stalled every turn.
     * Those files hold only the disclosure-controlled table HR downloads.
     */
    static byte[] xlsx(List<List<Object>> table, String sheetName) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c));
            }
            for (int r = 0; r < table.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = table.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof Long number) {
                        row.createCell(c).setCellValue(number);
                    } else if (value != null) {
                        // a string cell is never evaluated, but copied elsewhere it could be: defuse it too
                        row.createCell(c).setCellValue(defused((String) value));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(RoundReport report, List<List<Object>> table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> values : table) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                Object value = values.get(c);
                row.put(COLUMNS.get(c), value instanceof String text && text.isEmpty() ? null : value);
            }
            rows.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("survey", report.results().survey().id());
        document.put("round", report.roundId());
        document.put("k", report.results().k());
        document.put("released", report.released().map(Object::toString).orElse(null));
        document.put("trial", report.trial());
        document.put("responses", report.results().shown() ? report.results().responses() : null);
        document.put("rows", rows);
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
