package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exported text that a spreadsheet would run as a formula is defused; numbers stay numbers. */
class ExportsTests {

    @Test
    void textThatLooksLikeAFormulaIsDefusedInCsv() {
        List<Object> row = new ArrayList<>(Arrays.asList("=HYPERLINK(\"http://evil\",\"x\")", "+1", "-2", "@SUM(A1)",
                "\tcmd", "plain, with \"quotes\"", 7L, null));
        while (row.size() < Exports.COLUMNS.size()) {
            row.add("");
        }
        String csv = new String(Exports.csv(List.of(row)), StandardCharsets.UTF_8);
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
}
