package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages over real HTTP: bad input changes nothing, the invitation opens without sign-in but only for
 * an open session and names nobody, and the key points a facilitator records after a session are what HR
 * sees beside the round's priorities.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FocusGroupPagesIntegrationTests {

    static final String USER = "hr-and-facilitator";
    static final String PASSWORD = "pages-test-password-3";
    static final LocalTrial trial = new LocalTrial("signpost-focus-pages");
    static final Path keys = TestRedis.tempFolder("signpost-focus-pages-keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
        registry.add("signpost.signin.local.username", () -> USER);
        registry.add("signpost.signin.local.password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("signpost.signin.local.account-file", () -> keys.resolve("hr-account").toString());
        registry.add("signpost.signin.local.roles[0]", () -> "hr");
        registry.add("signpost.signin.local.roles[1]", () -> "facilitator");
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

    @Test
    void badInputChangesNothingAndGetsAClearAnswer() {
        HrSession pages = signedIn();
        int before = groups.store().sessions().size();
        Map<String, String> form = form(pages, "A title", "2026-13-40");
        HttpResponse<String> invalid = pages.postForm("/focus-groups", form);
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains(html(wording().text("focusgroup.pages.invalid")));
        form = form(pages, "", LocalDateTime.now().plusDays(3).toLocalDate().toString());
        assertThat(pages.postForm("/focus-groups", form).body()).contains(html(wording().text("focusgroup.pages.invalid")));
        form.put("title", "A title");
        form.remove("_csrf");
        assertThat(pages.postForm("/focus-groups", form).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(groups.store().sessions()).hasSize(before);

        assertThat(pages.get("/focus-groups/s-doesnotexist1").statusCode()).isEqualTo(404);
        assertThat(pages.get("/focus-groups/..%2F..%2Fetc").statusCode()).isIn(400, 404);
        assertThat(pages.getBytes("/focus-groups/s-doesnotexist1/attendees.csv").statusCode()).isEqualTo(404);
    }

    @Test
    void theInvitationOpensWithoutSignInOnlyForAnOpenSessionAndNamesNobody() throws Exception {
        Session open = groups.store().sessions().stream().filter(s -> s.takesSignUps(Instant.now())).findFirst()
                .orElseThrow();
        HrSession anyone = new HrSession(port);
        HttpResponse<String> ics = anyone.get("/focus-groups/invitations/" + open.id() + ".ics");
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/calendar"));
        ICalendar calendar = Biweekly.parse(ics.body()).first();
        VEvent event = calendar.getEvents().get(0);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(open.startsAt());
        assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(open.endsAt());
        assertThat(event.getSummary().getValue()).isEqualTo(open.title());
        assertThat(event.getLocation().getValue()).isEqualTo(open.place());
        assertThat(event.getDescription().getValue()).contains(wording().text("focusgroup.invitation.description"));
        assertThat(event.getAttendees()).isEmpty();

        Session draft = Session.draft("Draft", Optional.empty(), LocalDateTime.now().plusDays(9), Duration.ofHours(1),
                "Room", 4, List.of(), "", List.of(), Session.DEFAULT_RETENTION);
        groups.save(draft);
        assertThat(anyone.get("/focus-groups/invitations/" + draft.id() + ".ics").statusCode()).isEqualTo(404);
        assertThat(anyone.get("/focus-groups/" + open.id()).statusCode()).as("the pages need sign-in").isEqualTo(302);
    }

    @Test
    void keyPointsRecordedAfterTheSessionAreWhatHrSeesBesideThePriorities() {
        Session held = new Session(Session.newId(), "Held last week", Optional.of("Frontline staff"),
                LocalDateTime.now().minusDays(7).atZone(Session.LONDON), Duration.ofHours(1), "Room", 5, List.of("A", "B"),
                "C", List.of("Q?"), Session.DEFAULT_RETENTION, SessionStatus.OPEN,
                Optional.empty());
        groups.save(held);
        HrSession pages = signedIn();
        assertThat(pages.get("/focus-groups/" + held.id()).body()).contains(html(wording().text("focusgroup.pages.keyPointsWarning")));
        String points = "Workload is the first thing people raise; managers asking how people are helps";
        assertThat(pages.postForm("/focus-groups/" + held.id() + "/key-points", Map.of("keyPoints", points,
                "_csrf", pages.csrf("/focus-groups/" + held.id()))).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("?saved"));
        assertThat(groups.store().session(held.id()).orElseThrow().keyPoints()).contains(points);

        String round = pages.get("/hr/rounds/trial").body();
        assertThat(round).contains(html(wording().text("focusgroup.pages.fromFocusGroups")), html(points), "Held last week");

        // before a session is held, there are no key points to record
        Session upcoming = groups.store().sessions().stream().filter(s -> s.takesSignUps(Instant.now())).findFirst()
                .orElseThrow();
        assertThat(pages.postForm("/focus-groups/" + upcoming.id() + "/key-points", Map.of("keyPoints", points,
                "_csrf", pages.csrf("/focus-groups/" + upcoming.id()))).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("?invalid"));
        assertThat(groups.store().session(upcoming.id()).orElseThrow().keyPoints()).isEmpty();
    }

    private HrSession signedIn() {
        HrSession pages = new HrSession(port);
        assertThat(pages.signIn(USER, PASSWORD).statusCode()).isEqualTo(302);
        return pages;
    }

    private static Map<String, String> form(HrSession pages, String title, String date) {
        Map<String, String> form = new HashMap<>(Map.of("title", title, "date", date, "time", "14:00", "length", "90",
                "place", "Room 1", "capacity", "6", "retention", "30"));
        form.put("_csrf", pages.csrf("/focus-groups/new"));
        return form;
    }

    private Wording wording() {
        return messages.wording("en-GB");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
