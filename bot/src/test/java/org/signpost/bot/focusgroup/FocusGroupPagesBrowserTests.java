package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.signpost.bot.HeadlessChromium;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionWarning;
import org.signpost.dialogs.focusgroup.SignUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * A facilitator in a real headless Chromium: signs in, creates a session (and is warned that it has one
 * facilitator and no first aider), opens it for sign-ups, sees sign-ups arrive, downloads the attendee
 * list (audit-logged, a name that a spreadsheet would run as a formula defused) and opens the guide to
 * print. No Content-Security-Policy violation may be reported. Screenshots for docs/focus-groups.md go to
 * {@code target/focus-group-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FocusGroupPagesBrowserTests {

    static final String USER = "facilitator-browser";
    static final String PASSWORD = "browser-test-password-2";
    static final LocalTrial trial = new LocalTrial("signpost-focus-browser");
    static final Path keys = TestRedis.tempFolder("signpost-focus-browser-keys");
    static final Path screenshots = Path.of("target", "focus-group-screenshots");
    static HeadlessChromium chromium;
    static WebDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys, "facilitator");
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.start("focus-browser", screenshots);
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
    FocusGroups groups;

    @Autowired
    Messages messages;

    @Autowired
    UnifiedJedis redis;

    @Test
    void aFacilitatorCreatesASessionSeesSignUpsArriveAndDownloadsTheList() throws Exception {
        Wording wording = messages.wording("en-GB");
        String base = "http://127.0.0.1:" + port;
        WebDriverWait wait = chromium.waiting();
        browser.get(base + "/focus-groups");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/hr/sign-in");
        chromium.fillSignIn(USER, PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(driver -> driver.getCurrentUrl().startsWith(base + "/focus-groups"));
        assertThat(browser.findElement(By.id("sessions")).getText()).as("the trial's sample session")
                .contains("trial session");
        chromium.screenshot("sessions-before");

        browser.findElement(By.id("new-session")).click();
        wait.until(driver -> driver.getCurrentUrl().endsWith("/focus-groups/new"));
        assertThat(browser.findElement(By.id("guide")).getAttribute("value")).as("the default guide, from content")
                .contains("What should the improvement plan include first?");
        LocalDate day = LocalDate.now(Session.LONDON).plusDays(10);
        type("title", "Frontline staff: talking at work");
        type("audience", "Frontline staff");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('date').value = arguments[0];",
                day.toString());
        type("place", "Room 4, Main Street");
        WebElement capacity = browser.findElement(By.id("capacity"));
        capacity.clear();
        capacity.sendKeys("2");
        type("facilitators", "Alex Facilitator");
        chromium.screenshot("new-session");
        browser.findElement(By.id("save")).click();
        wait.until(driver -> driver.getCurrentUrl().contains("?saved"));
        String sessionUrl = browser.getCurrentUrl().replace("?saved", "");
        String id = sessionUrl.substring(sessionUrl.lastIndexOf('/') + 1);
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains(wording.text(SessionWarning.FEWER_THAN_TWO_FACILITATORS.wordingKey()),
                wording.text(SessionWarning.NO_FIRST_AIDER.wordingKey()), wording.text("focusgroup.status.draft"));

        browser.findElement(By.id("publish")).click();
        wait.until(driver -> driver.findElement(By.tagName("main")).getText()
                .contains(wording.text("focusgroup.status.open")));
        assertThat(browser.findElement(By.id("seated")).findElements(By.cssSelector("tbody tr"))).isEmpty();

        // people sign up (in chat, through the same store) and the facilitator sees them arrive
        signUp(id, "Robin Attendee", "robin@example.org", 1);
        signUp(id, "=HYPERLINK(\"http://evil.example\")", "formula@example.org", 2);
        assertThat(signUp(id, "Sam Waiting", "sam@example.org", 3)).isEqualTo(Placement.WAITING);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("seated")).getText()).contains("Robin Attendee", "robin@example.org");
        assertThat(browser.findElement(By.id("waiting")).getText()).contains("Sam Waiting");
        chromium.screenshot("session");
        WebElement list = browser.findElement(By.id("download-attendees"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", list);
        Files.write(screenshots.resolve("sign-ups.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("download-attendees")).click();
        Path csv = chromium.downloaded("focus-group-" + id + "-attendees.csv");
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        assertThat(records).extracting(r -> r.get(wording.text("focusgroup.pages.name")))
                .containsExactlyInAnyOrder("Robin Attendee", "'=HYPERLINK(\"http://evil.example\")", "Sam Waiting");
        assertThat(records).extracting(r -> r.get(wording.text("focusgroup.pages.place")))
                .filteredOn(wording.text("focusgroup.pages.waiting")::equals).hasSize(1);
        assertThat(String.join("\n", redis.zrange("signpost:hr:{audit}:log", 0, -1)))
                .contains(USER, "downloaded", "attendee list of focus group " + id);

        browser.findElement(By.id("print-guide")).click();
        wait.until(driver -> driver.getCurrentUrl().endsWith("/guide"));
        assertThat(browser.findElement(By.id("questions")).getText()).contains("What should the improvement plan include first?");
        assertThat(browser.findElement(By.id("ground-rules")).getText())
                .contains(wording.text("focusgroup.groundRules.confidential"));
        chromium.screenshot("guide");

        // a facilitator is not HR: the results pages stay closed
        browser.get(base + "/hr");
        assertThat(browser.getPageSource()).doesNotContain(wording.text("results.pages.rounds"));

        assertThat(chromium.securityPolicyViolations()).as("CSP violations in the browser").isEmpty();
    }

    private Placement signUp(String sessionId, String name, String contact, int number) {
        return groups.store().signUp(new Attendee(new SignUp(sessionId, name, contact, "consent-1", Instant.now()),
                new Address("msteams", "29:browser-" + number)), true, Instant.now());
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }


}
