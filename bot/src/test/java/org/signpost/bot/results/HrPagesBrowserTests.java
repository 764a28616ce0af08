package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.signpost.bot.Activities;
import org.signpost.bot.HeadlessChromium;
import org.signpost.bot.Endpoint;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
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
 * HR's pages in a real headless Chromium: sign in, start a round from the page, let people answer it
 * through {@code /api/messages}, see its figures over everyone while it is open, close it from the page,
 * then see a chart drawn from its table, move by keyboard to the downloads, download the CSV, the XLSX
 * and the JSON, and find the same table in all three. No Content-Security-Policy violation may be reported. Screenshots for docs/hr.md go to
 * {@code target/hr-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HrPagesBrowserTests {

    static final String USER = "hr-browser";
    static final String PASSWORD = "browser-test-password-1";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final LocalTrial trial = new LocalTrial("signpost-hr-browser");
    static final Path keys = TestRedis.tempFolder("signpost-hr-browser-keys");
    static final Path screenshots = Path.of("target", "hr-screenshots");
    static HeadlessChromium chromium;
    static WebDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys);
        registry.add("signpost.survey.rounds[0].id", () -> "baseline-2025");
        registry.add("signpost.survey.rounds[0].survey", () -> "staff-survey");
        registry.add("signpost.survey.rounds[0].state", () -> "closed");
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.start("hr-browser", screenshots);
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    @Test
    void signInOpenARoundSeeAChartAndItsTableMoveByKeyboardAndDownloadTheSameTableThreeTimes() throws Exception {
        lastYear();
        String base = "http://127.0.0.1:" + port;
        browser.get(base + "/hr");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/hr/sign-in");
        chromium.fillSignIn(USER, PASSWORD);
        chromium.screenshot("sign-in");
        browser.findElement(By.id("password")).sendKeys(Keys.ENTER);
        WebDriverWait wait = chromium.waiting();
        wait.until(driver -> !driver.findElements(By.id("new-round")).isEmpty());

        // HR starts the round from the page: no configuration, no restart
        browser.findElement(By.id("new-round")).click();
        wait.until(driver -> driver.getCurrentUrl().endsWith("/hr/new-round"));
        browser.findElement(By.id("id")).sendKeys("pulse-2026");
        chromium.screenshot("new-round");
        browser.findElement(By.id("create-round")).click();
        wait.until(driver -> !driver.findElements(By.id("done")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#round-pulse-2026 .signpost-state")).getText())
                .isEqualTo("Open");
        assertThat(redis.hget("signpost:agg:{pulse-2026}:meta", "state")).isEqualTo("open");

        answer();
        // while it is open: figures over everyone, and a note that groups come when it closes
        browser.get(base + "/hr/rounds/pulse-2026");
        wait.until(driver -> !driver.findElements(By.cssSelector("[data-table='agreement'] canvas")).isEmpty());
        assertThat(browser.findElement(By.id("groups-at-close")).isDisplayed()).isTrue();
        chromium.screenshot("round-open");

        // HR closes it from the page, after a confirmation
        browser.get(base + "/hr");
        chromium.screenshot("rounds-open");
        browser.findElement(By.id("close-pulse-2026")).click();
        wait.until(driver -> !driver.findElements(By.id("confirm-close")).isEmpty());
        chromium.screenshot("close-round");
        browser.findElement(By.id("confirm-close")).click();
        wait.until(driver -> !driver.findElements(By.id("done")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#round-pulse-2026 .signpost-state")).getText())
                .isEqualTo("Closed");
        assertThat(redis.hget("signpost:agg:{pulse-2026}:meta", "state")).isEqualTo("closed");
        assertThat(redis.exists("signpost:resp:{pulse-2026}")).isFalse();
        browser.findElement(By.id("results-pulse-2026")).click();
        wait.until(driver -> driver.getCurrentUrl().contains("/hr/rounds/pulse-2026"));
        assertThat(browser.findElements(By.id("groups-at-close"))).isEmpty();

        // the chart is drawn from the table beside it
        wait.until(driver -> !driver.findElements(By.cssSelector("[data-table='agreement'] canvas")).isEmpty());
        WebElement chart = browser.findElement(By.cssSelector("[data-table='agreement']"));
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(chart.getAttribute("aria-label")).contains("How much people agree");
        WebElement table = browser.findElement(By.id("agreement"));
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(10);
        assertThat(browser.findElement(By.id("trial-data")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("changes")).getText()).contains("Last round");
        chromium.screenshot("round");
        for (String section : List.of("overview", "priorities-section", "questions", "managers", "round-on-round")) {
            chromium.screenshot("round-" + section, browser.findElement(By.id(section)));
        }

        // by keyboard: the skip link first, then on to the downloads
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0); document.activeElement.blur();");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(active().getText()).isEqualTo("Skip to main content");
        active().sendKeys(Keys.ENTER);
        for (String download : List.of("download-csv", "download-xlsx", "download-json")) {
            for (int presses = 0; presses < 40 && !download.equals(active().getAttribute("id")); presses++) {
                active().sendKeys(Keys.TAB);
            }
            assertThat(active().getAttribute("id")).isEqualTo(download);
            active().sendKeys(Keys.ENTER);
        }
        Path csv = chromium.downloaded("staff-survey-pulse-2026-results.csv");
        Path xlsx = chromium.downloaded("staff-survey-pulse-2026-results.xlsx");
        Path json = chromium.downloaded("staff-survey-pulse-2026-results.json");
        List<List<String>> fromJson = HrResultsIntegrationTests.rowsOf(new ObjectMapper().readTree(json.toFile()));
        assertThat(fromJson).isNotEmpty();
        assertThat(HrResultsIntegrationTests.rowsOfCsv(Files.readString(csv, StandardCharsets.UTF_8)))
                .isEqualTo(fromJson);
        assertThat(HrResultsIntegrationTests.rowsOfXlsx(Files.readAllBytes(xlsx))).isEqualTo(fromJson);

        browser.get(base + "/hr/rounds/pulse-2026/groups/role");
        wait.until(driver -> !driver.findElements(By.cssSelector(".signpost-chart canvas")).isEmpty());
        chromium.screenshot("by-role", browser.findElement(By.id("figure-q-talk-to-manager")));
        browser.get(base + "/hr/rounds/pulse-2026/headcounts");
        chromium.screenshot("headcounts");
        browser.get(base + "/hr");
        chromium.screenshot("rounds");
        browser.get(base + "/hr/audit");
        chromium.screenshot("audit");
        // the table is named for screen readers by its caption, which does not show the heading above it again
        assertThat(browser.findElement(By.cssSelector("#audit caption")).getAttribute("textContent"))
                .isEqualTo(browser.findElement(By.tagName("h1")).getText());
        assertThat((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#audit caption').getBoundingClientRect().height;"))
                .as("the caption's height on the page").matches(height -> height.doubleValue() <= 1);

        assertThat(chromium.securityPolicyViolations()).as("CSP violations in the browser").isEmpty();
    }

    /** Thirty people through the bot. */
    private void answer() {
        Random random = new Random(2026);
        List<String> likert = List.of("strongly-agree", "agree", "neither", "disagree", "strongly-disagree");
        for (int i = 0; i < 30; i++) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (Question question : SURVEY.questions()) {
                if (question.type() == SurveyDefinition.Type.LIKERT) {
                    answers.put(question.id(), likert.get(Math.min(4, random.nextInt(3) + (i % 3))));
                }
            }
            answers.put("witnessed-stigma", i % 3 == 0 ? "yes" : "no");
            answers.put("role", i < 12 ? "manager" : "not-manager");
            answers.put("area", i < 18 ? "frontline" : "corporate");
            new SurveyRespondent(new Endpoint(port), new Activities(trial.connector().serviceUrl(), "29:b-" + i,
                    "Browser Person " + i, "aad-b-" + i), "a:b-" + i).answer("pulse-2026", SURVEY, answers);
        }
        redis.hset("signpost:agg:{pulse-2026}:meta", "trial", "1");
    }

    /** Last year's round as it was left when it closed. */
    private void lastYear() {
        List<String> likert = List.of("strongly-agree", "agree", "neither", "disagree", "strongly-disagree");
        Map<String, Map<String, Long>> lastYear = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (Question question : SURVEY.questions()) {
                if (question.type() == SurveyDefinition.Type.LIKERT) {
                    answers.put(question.id(), likert.get(i % 3));
                }
            }
            answers.put("role", i < 15 ? "manager" : "not-manager");
            CounterLayout.increments(SURVEY, answers).forEach((hash, fields) -> fields.forEach(field ->
                    lastYear.computeIfAbsent(hash, h -> new HashMap<>()).merge(field, 1L, Long::sum)));
        }
        lastYear.forEach((hash, fields) -> fields.forEach((field, count) ->
                redis.hset("signpost:agg:{baseline-2025}:" + hash, field, Long.toString(count))));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }



}
