package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.MovedClock;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.kernel.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A session that starts in the past, by the app's clock (moved here, never waited for), is neither created, moved
 * there nor opened from the facilitators' pages: the form says so and nothing is stored (found from outside: a
 * session dated yesterday was saved and opened, offered to nobody).
 */
@Import(MovedClock.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FocusGroupPastSessionsIntegrationTests {

    static final String USER = "past-facilitator";
    static final String PASSWORD = "past-sessions-password-5";
    static final LocalTrial trial = new LocalTrial("signpost-focus-past");
    static final Path keys = TestRedis.tempFolder("signpost-focus-past-keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, USER, PASSWORD, keys, "facilitator");
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    FocusGroups groups;

    @Autowired
    Messages messages;

    @Autowired
    MutableClock clock;

    @Test
    void aSessionInThePastByTheAppsClockIsRefusedAndNothingIsStored() {
        HrSession pages = new HrSession(port);
        assertThat(pages.signIn(USER, PASSWORD).statusCode()).isEqualTo(302);
        // the moved clock stands at 2026-02-05 09:00 (London is on UTC in February)
        List<String> before = ids();
        HttpResponse<String> anHourAgo = pages.postForm("/focus-groups", form(pages, "2026-02-05", "08:00"));
        assertThat(anHourAgo.statusCode()).isEqualTo(200);
        assertThat(anHourAgo.body()).contains(html(messages.wording("en-GB").text("focusgroup.pages.past")));
        assertThat(pages.postForm("/focus-groups", form(pages, "2026-02-05", "09:00")).body()).as("starting now")
                .contains("id=\"past\"");
        assertThat(ids()).as("nothing stored").isEqualTo(before);

        // an hour ahead of the moved clock is accepted (by the wall clock it is long past: the app's clock decides)
        HttpResponse<String> ahead = pages.postForm("/focus-groups", form(pages, "2026-02-05", "10:00"));
        assertThat(ahead.statusCode()).isEqualTo(302);
        String id = ahead.headers().firstValue("Location").orElseThrow().replaceAll(".*/focus-groups/(s-[a-z0-9]+).*", "$1");
        Session saved = groups.store().session(id).orElseThrow();

        // two hours later the draft's start has passed: it cannot be changed to start then, nor opened
        clock.advance(Duration.ofHours(2));
        Map<String, String> edit = form(pages, "2026-02-05", "10:00");
        edit.put("title", "Moved title");
        HttpResponse<String> edited = pages.postForm("/focus-groups/" + id, edit);
        assertThat(edited.body()).contains("id=\"past\"");
        assertThat(pages.postForm("/focus-groups/" + id + "/publish", Map.of("_csrf", pages.csrf("/focus-groups/" + id)))
                .headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("?invalid"));
        Session after = groups.store().session(id).orElseThrow();
        assertThat(after).isEqualTo(saved);
        assertThat(after.status()).isEqualTo(SessionStatus.DRAFT);

        // moved to the future it is saved and opens
        assertThat(pages.postForm("/focus-groups/" + id, form(pages, "2026-02-06", "14:00")).statusCode()).isEqualTo(302);
        assertThat(pages.postForm("/focus-groups/" + id + "/publish", Map.of("_csrf", pages.csrf("/focus-groups/" + id)))
                .headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("?saved"));
        assertThat(groups.store().session(id).orElseThrow().status()).isEqualTo(SessionStatus.OPEN);
    }

    private List<String> ids() {
        return groups.store().sessions().stream().map(Session::id).sorted().toList();
    }

    private static Map<String, String> form(HrSession pages, String date, String time) {
        Map<String, String> form = new HashMap<>(Map.of("title", "Past or not", "date", date, "time", time,
                "length", "90", "place", "Room 1", "capacity", "6", "retention", "30"));
        form.put("_csrf", pages.csrf("/focus-groups/new"));
        return form;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
