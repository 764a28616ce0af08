package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.signpost.bot.HeadlessChromium;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An ambassador in a real headless Chromium: signs in, sees a scheduled announcement with its figures and
 * cancels it with the page's button. No Content-Security-Policy violation may be reported. A screenshot
 * goes to {@code target/campaign-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CampaignPagesBrowserTests {

    static final String USER = "ambassador-browser";
    static final String PASSWORD = "campaign-browser-password-5";
    static final LocalTrial trial = new LocalTrial("signpost-campaign-browser");
    static final Path keys = TestRedis.tempFolder("signpost-campaign-browser-keys");
    static HeadlessChromium chromium;
    static WebDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys, "ambassador");
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.start("campaign-browser", Path.of("target", "campaign-screenshots"));
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
    RedisDeliveryQueue queue;

    @Autowired
    Messages messages;

    @Test
    void anAmbassadorSeesAnAnnouncementAndCancelsIt() throws Exception {
        Wording wording = messages.wording("en-GB");
        queue.schedule(new Broadcast("browser-b1", "tenant-1", "time-to-talk-day", Audience.everyoneReachable(),
                Instant.now().plus(Duration.ofDays(3))));
        String base = "http://127.0.0.1:" + port;
        WebDriverWait wait = chromium.waiting();
        browser.get(base + "/campaigns");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/hr/sign-in");
        chromium.fillSignIn(USER, PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(driver -> driver.getCurrentUrl().startsWith(base + "/campaigns"));
        String table = browser.findElement(By.id("campaigns")).getText();
        assertThat(table).contains(wording.text("announcement.template.time-to-talk-day.name"), "0 / 0");
        assertThat(browser.findElement(By.id("pledges")).getText()).isNotBlank();
        chromium.screenshot("campaigns");

        browser.findElement(By.cssSelector("#campaigns form button[type=submit]")).click();
        wait.until(driver -> driver.getCurrentUrl().endsWith("/campaigns?cancelled"));
        assertThat(browser.getPageSource()).contains(wording.text("campaign.cancelled"));
        assertThat(browser.findElements(By.cssSelector("#campaigns form"))).as("nothing left to cancel").isEmpty();
        assertThat(queue.progress("browser-b1").orElseThrow().state()).isEqualTo(BroadcastState.CANCELLED);
        assertThat(chromium.securityPolicyViolations()).as("CSP violations in the browser").isEmpty();
    }
}
