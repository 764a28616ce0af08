package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
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
 * The ambassadors' page over real HTTP: sign-in required, the announcements with their figures, and a
 * cancel that needs the CSRF token, works once, and finds nothing for an unknown id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CampaignPagesIntegrationTests {

    static final String USER = "ambassador";
    static final String PASSWORD = "campaign-pages-password-7";
    static final LocalTrial trial = new LocalTrial("signpost-campaign-pages");
    static final Path keys = TestRedis.tempFolder("signpost-campaign-pages-keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys, "ambassador");
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    RedisDeliveryQueue queue;

    @Autowired
    Messages messages;

    @Test
    void anAmbassadorSeesTheFiguresAndCancelsOnceWithTheCsrfToken() {
        assertThat(new HrSession(port).get("/campaigns").statusCode()).as("sign-in first").isEqualTo(302);
        HrSession pages = new HrSession(port);
        assertThat(pages.signIn(USER, PASSWORD).statusCode()).isEqualTo(302);
        assertThat(pages.get("/hr").statusCode()).as("not HR").isEqualTo(403);
        assertThat(pages.get("/campaigns").body()).contains(html(wording().text("campaign.none")));

        queue.schedule(new Broadcast("page-b1", "tenant-1", "pledge-invitation", Audience.everyoneReachable(),
                Instant.now().plus(Duration.ofDays(2))));
        String page = pages.get("/campaigns").body();
        assertThat(page).contains(html(wording().text("announcement.template.pledge-invitation.name")),
                html(wording().text("campaign.pages.cancel")), "/campaigns/page-b1/cancel");

        assertThat(pages.postForm("/campaigns/page-b1/cancel", Map.of()).statusCode()).as("no CSRF token")
                .isEqualTo(403);
        assertThat(queue.progress("page-b1").orElseThrow().state()).isEqualTo(BroadcastState.SCHEDULED);
        String csrf = pages.csrf("/campaigns");
        HttpResponse<String> cancelled = pages.postForm("/campaigns/page-b1/cancel", Map.of("_csrf", csrf));
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(cancelled.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("?cancelled"));
        assertThat(queue.progress("page-b1").orElseThrow().state()).isEqualTo(BroadcastState.CANCELLED);
        assertThat(pages.postForm("/campaigns/page-b1/cancel", Map.of("_csrf", csrf)).headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("?alreadyOver"));
        assertThat(pages.get("/campaigns").body()).doesNotContain("/campaigns/page-b1/cancel");
        assertThat(pages.postForm("/campaigns/no-such-one/cancel", Map.of("_csrf", csrf)).statusCode()).isEqualTo(404);
    }

    private Wording wording() {
        return messages.wording("en-GB");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
