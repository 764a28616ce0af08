package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Forty people answer the survey through {@code /api/messages}, in groups of mixed sizes; then the round's
 * page, its three exports and the Teams summary must show exactly the expected table: every group and
 * question below k hidden, and the complementary groups hidden with them, so that nothing is recoverable.
 * The expectation is worked out here by hand from how the forty were made, not by the rule's code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HrResultsIntegrationTests {

    static final String USER = "hr-tester";
    static final String PASSWORD = "a-long-test-password-1";
    static final String HR_PERSON = "aad-hr-person-1";
    static final int PEOPLE = 40;
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final LocalTrial trial = new LocalTrial("signpost-hr-results");
    static final FakeConnector connector = trial.connector();
    static final Path keys = TestRedis.tempFolder("signpost-hr-keys");

    /** Which groups pass, worked out by hand (see {@link #person}): everything else must be hidden. */
    static final Map<String, Set<String>> SHOWN_GROUPS = Map.of(
            // manager 12, not-manager 22, prefer-not-to-say 4, did not say 2: the 4 and the 2 make 6, so the
            // next smallest (managers, 12) is hidden with them
            "role", Set.of("not-manager"),
            // frontline 25, support services 10, corporate 3, did not say 2: 3 + 2 = 5, so support goes too
            "area", Set.of("frontline"),
            "age", Set.of("25-34", "35-49"),
            "gender", Set.of("did-not-say"),
            "long-term-condition", Set.of("did-not-say"));
    /** The questions anyone answered; in the age groups, workload was answered by 8 of the 20 aged 25-34. */
    static final Set<String> ANSWERED = Set.of("stigma-awareness", "workload", "witnessed-stigma");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys);
        registry.add("signpost.results.hr-object-ids", () -> HR_PERSON);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    static boolean answered;

    /** Person i: role, area, age and answers, chosen so that the groups have the sizes above. */
    static Map<String, String> person(int i) {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> likert = List.of("strongly-agree", "agree", "neither", "disagree", "strongly-disagree");
        answers.put("stigma-awareness", likert.get((i * 3) % 5));
        if (i < 8 || i >= 20) {
            answers.put("workload", likert.get((i + 2) % 5 == 0 ? 0 : (i % 3) + 2));
        }
        answers.put("witnessed-stigma", List.of("yes", "no", "not-sure", "prefer-not-to-say").get(i % 4));
        if (i < 38) {
            answers.put("role", i < 12 ? "manager" : i < 34 ? "not-manager" : "prefer-not-to-say");
            answers.put("area", i < 25 ? "frontline" : i < 35 ? "support-services" : "corporate");
        }
        answers.put("age", i < 20 ? "25-34" : "35-49");
        return answers;
    }

    void everyoneAnswers() {
        if (answered) {
            return;
        }
        for (int i = 0; i < PEOPLE; i++) {
            new SurveyRespondent(new Endpoint(port), new Activities(connector.serviceUrl(), "29:respondent-" + i,
                    "Respondent " + i, "aad-respondent-" + i), "a:respondent-" + i).answer("trial", SURVEY, person(i));
        }
        answered = true;
    }

    @Test
    void thePageTheThreeExportsAndTheTeamsSummaryShowExactlyTheExpectedSuppressedTable() throws Exception {
        everyoneAnswers();
        HrSession hr = new HrSession(port);
        assertThat(hr.signIn(USER, PASSWORD).headers().firstValue("Location")).hasValue(hr.base() + "/hr");

        List<List<String>> expected = expectedRows();
        // while the round is open: figures over everyone only, and a download after one more response is the same
        String whileOpen = hr.get("/hr/rounds/trial/results.json").body();
        assertThat(rowsOf(new ObjectMapper().readTree(whileOpen)))
                .containsExactlyElementsOf(expected.stream().filter(row -> row.get(0).isEmpty()).toList());
        String groupsAtClose = WORDING.text("results.pages.groupsAtClose", "k", "10");
        assertThat(hr.get("/hr/rounds/trial/groups/role").body()).contains(groupsAtClose)
                .doesNotContain("<table");
        new SurveyRespondent(new Endpoint(port), new Activities(connector.serviceUrl(), "29:late", "Late Person",
                "aad-late"), "a:late").answer("trial", SURVEY, person(3));
        assertThat(hr.get("/hr/rounds/trial/results.json").body()).isEqualTo(whileOpen);

        // HR closes the round from the pages: final; the groups are published from the last release (the 40)
        String csrf = hr.csrf("/hr/rounds/trial/close");
        assertThat(hr.postForm("/hr/rounds/trial/close", Map.of("_csrf", csrf)).headers().firstValue("Location"))
                .hasValue(hr.base() + "/hr?done=closed&round=trial");
        assertThat(redis.hget("signpost:agg:{trial}:meta", "state")).isEqualTo("closed");
        assertThat(redis.exists("signpost:resp:{trial}")).isFalse();
        assertThat(hr.get("/hr/rounds/trial/groups/role").body()).doesNotContain(groupsAtClose);

        JsonNode json = new ObjectMapper().readTree(hr.get("/hr/rounds/trial/results.json").body());
        assertThat(json.get("responses").asLong()).isEqualTo(PEOPLE);
        assertThat(json.get("k").asInt()).isEqualTo(10);
        assertThat(rowsOf(json)).containsExactlyElementsOf(expected);

        HttpResponse<byte[]> csv = hr.getBytes("/hr/rounds/trial/results.csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).contains("staff-survey-trial-results.csv"));
        assertThat(rowsOfCsv(new String(csv.body(), StandardCharsets.UTF_8))).containsExactlyElementsOf(expected);

        HttpResponse<byte[]> xlsx = hr.getBytes("/hr/rounds/trial/results.xlsx");
        assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).contains("staff-survey-trial-results.xlsx"));
        assertThat(rowsOfXlsx(xlsx.body())).containsExactlyElementsOf(expected);

        // the page: hidden groups show the words, never a number; a shown group's figures are there
        String notEnough = WORDING.text("results.notEnough");
        Map<String, List<String>> workload = tableRows(hr.get("/hr/rounds/trial/groups/role").body(), "q-workload");
        assertThat(workload.get("Yes, I manage people")).containsExactly(notEnough);
        assertThat(workload.get("Prefer not to say")).containsExactly(notEnough);
        assertThat(workload.get(WORDING.text("results.didNotSay"))).containsExactly(notEnough);
        List<String> notManagers = expected.stream().filter(r -> r.get(0).equals("role")
                && r.get(1).equals("not-manager") && r.get(3).equals("workload")).map(r -> r.get(6)).toList();
        assertThat(workload.get("No, I don't manage people").subList(0, notManagers.size()))
                .containsExactlyElementsOf(notManagers);
        Map<String, List<String>> ageWorkload = tableRows(hr.get("/hr/rounds/trial/groups/age").body(), "q-workload");
        assertThat(ageWorkload.get("25 to 34")).containsExactly(notEnough);
        assertThat(ageWorkload.get("35 to 49")).containsExactly(notEnough);

        // headcounts from a form with its CSRF token; then rates and the under-represented flags
        Map<String, String> form = new HashMap<>(Map.of("_csrf", hr.csrf("/hr/rounds/trial/headcounts"),
                "h-all", "80", "h-role:manager", "20", "h-role:not-manager", "50",
                "h-area:frontline", "40", "h-area:support-services", "40"));
        assertThat(hr.postForm("/hr/rounds/trial/headcounts", form).statusCode()).isEqualTo(302);
        String overview = hr.get("/hr/rounds/trial").body();
        Map<String, List<String>> rates = tableRows(overview, "rates");
        assertThat(rates.get(WORDING.text("results.everyone"))).containsExactly("", "40", "80", "50%", "");
        assertThat(rates.get("No, I don't manage people")).containsExactly("role", "22", "50", "44%", "");
        assertThat(rates.get("Front-line services")).containsExactly("business area", "25", "40", "63%", "");
        // hidden: 9 of 40 would be 23%, under 80% of 50%, so support services may be under-represented;
        // 9 of 20 managers would be 45%, not under 40%
        assertThat(rates.get("Support services")).containsExactly("business area", notEnough, "40", "\u2013",
                WORDING.text("results.rates.underHidden"));
        assertThat(rates.get("Yes, I manage people")).containsExactly("role", notEnough, "20", "\u2013", "");

        // the Teams summary, for the HR person only
        Activities hrInTeams = new Activities(connector.serviceUrl(), "29:hr-1", "HR Person", HR_PERSON);
        new Endpoint(port).post(hrInTeams.message("a:hr-chat", "results"));
        String card = connector.sentTo("a:hr-chat").stream().filter(FakeConnector.Sent::isCard)
                .map(FakeConnector.Sent::cardText).filter(text -> text.contains("results of round")).findFirst()
                .orElseThrow();
        assertThat(card).contains(WORDING.text("results.summary.responsesAndRate",
                Map.of("responses", "40", "rate", "50%")));
        for (String question : lowestTwo()) {
            assertThat(card).contains(SurveyDefinition.localised(SURVEY.question(question).orElseThrow().text(),
                    WORDING.locale()));
        }
        assertThat(card).doesNotContain("Yes, I manage people");

        Activities employee = new Activities(connector.serviceUrl(), "29:someone", "Some One", "aad-someone");
        // the statement's own words (its title is also the menu item's label)
        String privacyStatement = WORDING.text("privacy.body").substring(0, 40);
        new Endpoint(port).post(employee.message("a:employee-chat", "hello"));
        new Endpoint(port).post(employee.message("a:employee-chat", "show me the results"));
        assertThat(connector.sentTo("a:employee-chat").stream().map(FakeConnector.Sent::text))
                .contains(WORDING.text("notUnderstood"));
        // words that read as HR's results and, among what staff may use, as privacy get the privacy statement (they
        // were not understood); HR's own route is unchanged
        new Endpoint(port).post(employee.message("a:employee-chat", "who can see the survey results"));
        assertThat(connector.sentTo("a:employee-chat").get(connector.sentTo("a:employee-chat").size() - 1).cardText())
                .contains(privacyStatement);
        new Endpoint(port).post(hrInTeams.message("a:hr-chat", "who can see the survey results"));
        assertThat(connector.sentTo("a:hr-chat").get(connector.sentTo("a:hr-chat").size() - 1).cardText())
                .contains("results of round").doesNotContain(privacyStatement);
        assertThat(connector.sentTo("a:employee-chat").stream().map(FakeConnector.Sent::cardText))
                .noneMatch(text -> text.contains(WORDING.text("menu.results")) || text.contains("results of round"));
        assertThat(connector.sentTo("a:hr-chat").stream().map(FakeConnector.Sent::cardText))
                .anyMatch(text -> text.contains(WORDING.text("menu.results")));

        // every view and download is in the audit log, under the HR user's name
        String audit = hr.get("/hr/audit").body();
        assertThat(audit).contains("downloaded", "round trial as CSV", "round trial as XLSX", "round trial as JSON",
                "closed", USER, "Teams user " + HR_PERSON).doesNotContain("aad-respondent", "respondent-");

        // what results added to Redis: copies of counters, headcounts, and HR's audit log; no respondent's anything
        for (String key : redis.keys("signpost:snap:*")) {
            assertThat(key).matches("signpost:snap:\\{trial}:(meta|all|by:[a-z0-9-]+:[a-z0-9-]+)");
            assertThat(redis.hgetAll(key).values()).allMatch(value -> value.matches("\\d{1,13}"));
        }
        assertThat(redis.keys("signpost:hr:*")).containsExactlyInAnyOrder("signpost:hr:{trial}:headcounts",
                "signpost:hr:{audit}:log", "signpost:hr:{rounds}:list", "signpost:hr:{rounds}:order");
        assertThat(redis.hgetAll("signpost:hr:{rounds}:list")).containsOnlyKeys("trial");
        assertThat(redis.hgetAll("signpost:hr:{trial}:headcounts").values()).allMatch(value -> value.matches("\\d+"));
        assertThat(String.join("\n", redis.zrange("signpost:hr:{audit}:log", 0, -1)))
                .doesNotContain("respondent", "Respondent");
    }

    @Autowired
    UnifiedJedis redis;

    @Test
    void headcountsUploadedAsCsvReplaceTheOldOnesAndABadFileChangesNothing() {
        everyoneAnswers();
        HrSession hr = new HrSession(port);
        hr.signIn(USER, PASSWORD);
        HttpResponse<String> good = upload(hr, "grouping,group,headcount\r\nall,,90\r\narea,frontline,45\r\n");
        assertThat(good.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("?saved"));
        String page = hr.get("/hr/rounds/trial/headcounts").body();
        assertThat(page).contains("name=\"h-all\" value=\"90\"", "name=\"h-area:frontline\" value=\"45\"");

        for (String bad : List.of("grouping,group,headcount\r\narea,atlantis,5\r\n",
                "grouping,group,headcount\r\nall,,lots\r\n", "nothing,useful\r\n1,2\r\n")) {
            HttpResponse<String> refused = upload(hr, bad);
            assertThat(refused.statusCode()).as(bad).isIn(302, 400);
            assertThat(hr.get("/hr/rounds/trial/headcounts").body()).as(bad)
                    .contains("name=\"h-all\" value=\"90\"", "name=\"h-area:frontline\" value=\"45\"");
        }
    }

    private static HttpResponse<String> upload(HrSession hr, String csv) {
        String boundary = "signpost-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + hr.csrf("/hr/rounds/trial/headcounts") + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"headcounts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return hr.send(HttpRequest.newBuilder(URI.create(hr.base()
                        + "/hr/rounds/trial/headcounts/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The two agree/disagree questions anyone answered, lowest favourable share first, from the forty. */
    static List<String> lowestTwo() {
        Map<String, double[]> shares = new HashMap<>();
        for (String question : List.of("stigma-awareness", "workload")) {
            long favourable = 0;
            long answered = 0;
            for (int i = 0; i < PEOPLE; i++) {
                String answer = person(i).get(question);
                if (answer != null) {
                    answered++;
                    favourable += answer.equals("agree") || answer.equals("strongly-agree") ? 1 : 0;
                }
            }
            shares.put(question, new double[] {(double) favourable / answered});
        }
        return shares.entrySet().stream().sorted((a, b) -> Double.compare(a.getValue()[0], b.getValue()[0]))
                .map(Map.Entry::getKey).toList();
    }

    /** grouping, group, group responses, question, option, answered, count; "" where there is none. */
    static List<List<String>> expectedRows() {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> everyone = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            everyone.add(i);
        }
        addCells(rows, "", "", everyone, true, null);
        for (Question grouping : SURVEY.questions()) {
            if (!grouping.grouping()) {
                continue;
            }
            List<String> values = new ArrayList<>(grouping.optionIds());
            values.add("did-not-say");
            for (String value : values) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < PEOPLE; i++) {
                    String given = person(i).get(grouping.id());
                    if (value.equals("did-not-say") ? given == null : value.equals(given)) {
                        members.add(i);
                    }
                }
                boolean shown = SHOWN_GROUPS.get(grouping.id()).contains(value);
                addCells(rows, grouping.id(), value, members, shown, grouping.id());
            }
        }
        return rows;
    }

    private static void addCells(List<List<String>> rows, String grouping, String group, List<Integer> members,
            boolean groupShown, String groupingId) {
        String size = groupShown ? Integer.toString(members.size()) : "";
        for (Question question : SURVEY.questions()) {
            if (question.grouping()) {
                continue;
            }
            boolean shown = groupShown && ANSWERED.contains(question.id())
                    && !("age".equals(groupingId) && question.id().equals("workload"));
            if (!shown) {
                rows.add(List.of(grouping, group, size, question.id(), "", "", ""));
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            question.optionIds().forEach(option -> counts.put(option, 0L));
            members.forEach(i -> {
                String answer = person(i).get(question.id());
                if (answer != null) {
                    counts.merge(answer, 1L, Long::sum);
                }
            });
            long answeredCount = counts.entrySet().stream().filter(e -> !e.getKey().equals("prefer-not-to-say"))
                    .mapToLong(Map.Entry::getValue).sum();
            counts.forEach((option, count) -> rows.add(List.of(grouping, group, size, question.id(), option,
                    Long.toString(answeredCount), Long.toString(count))));
        }
    }

    static final List<String> KEY_COLUMNS = List.of("grouping", "group", "group_responses", "question", "option",
            "answered", "count");

    static List<List<String>> rowsOf(JsonNode json) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : json.get("rows")) {
            rows.add(KEY_COLUMNS.stream().map(column -> row.get(column).isNull() ? "" : row.get(column).asText())
                    .toList());
        }
        return rows;
    }

    static List<List<String>> rowsOfCsv(String csv) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            rows.add(KEY_COLUMNS.stream().map(record::get).toList());
        }
        return rows;
    }

    static List<List<String>> rowsOfXlsx(byte[] xlsx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            Map<String, Integer> columns = new HashMap<>();
            header.forEach(cell -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                rows.add(KEY_COLUMNS.stream().map(column -> text(row.getCell(columns.get(column)))).toList());
            }
        }
        return rows;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return cell.getCellType() == CellType.NUMERIC ? Long.toString((long) cell.getNumericCellValue())
                : cell.getStringCellValue();
    }

    /** A table of a page by its id: each body row's heading to the text of its other cells. */
    static Map<String, List<String>> tableRows(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table %s on the page", id).isGreaterThanOrEqualTo(0);
        String table = html.substring(html.indexOf("<tbody", start), html.indexOf("</table>", start));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", "").replace("&#39;", "'").replace("&amp;", "&").strip());
            }
            rows.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return rows;
    }
}
