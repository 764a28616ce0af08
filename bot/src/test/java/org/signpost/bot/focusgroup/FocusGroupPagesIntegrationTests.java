package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        trial.registerWithAccount(registry, USER, PASSWORD, keys, "hr", "facilitator");
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

    /**
     * Unknown and malformed ids under /focus-groups and /hr get the pages' own error page (they got Spring's Whitelabel
     * page): 404 or 400, the product's words, the way back, and nothing of the address asked for, escaped or not.
     */
    @Test
    void unknownAndMalformedIdsGetThePagesOwnErrorPage() {
        HrSession pages = signedIn();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("/focus-groups/s-doesnotexist1", 404);
        statuses.put("/focus-groups/s-doesnotexist1/edit", 404);
        statuses.put("/focus-groups/s-doesnotexist1/guide", 404);
        statuses.put("/focus-groups/%3Cb%3Eq7xz", 400);
        statuses.put("/focus-groups/NOT-AN-ID-q7xz", 400);
        statuses.put("/hr/rounds/no-such-round-q7xz", 404);
        statuses.put("/hr/rounds/no-such-round-q7xz/headcounts", 404);
        statuses.put("/hr/rounds/trial/groups/no-such-grouping-q7xz", 404);
        statuses.put("/hr/rounds/Bad_Round%3Cq7xz%3E", 400);
        statuses.put("/hr/no-such-page-q7xz", 404);
        // an encoded slash: refused by the firewall, no longer by Tomcat with its own bare page
        statuses.put("/hr/rounds/a%2Fq7xz", 400);
        statuses.put("/focus-groups/..%2F..%2Fq7xz", 400);
        statuses.forEach((path, status) -> {
            HttpResponse<String> page = browserGet(pages, path);
            assertThat(page.statusCode()).as(path).isEqualTo(status);
            assertThat(page.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            String heading = status == 404 ? "pages.error.notFound.heading" : "pages.error.badRequest.heading";
            assertThat(page.body()).as(path).contains(html(wording().text(heading)),
                    html(wording().text("pages.error.back")), "govuk-header")
                    .doesNotContain("Whitelabel", "q7xz", "Exception", "at org.");
        });
        assertThat(browserGet(pages, "/focus-groups/s-doesnotexist1").body()).contains("href=\"/focus-groups\"");
        assertThat(browserGet(pages, "/hr/rounds/no-such-round-q7xz").body()).contains("href=\"/hr\"");
        // a POST to an unknown session changes nothing
        int sessions = groups.store().sessions().size();
        assertThat(pages.postForm("/focus-groups/s-doesnotexist1/publish", Map.of("_csrf",
                pages.csrf("/focus-groups/new"))).statusCode()).isEqualTo(404);
        assertThat(groups.store().sessions()).hasSize(sessions);
        assertThat(pages.getBytes("/focus-groups/s-doesnotexist1/attendees.csv").statusCode()).isEqualTo(404);
        // a client asking for JSON gets no path back either
        HttpResponse<String> json = pages.send(HttpRequest.newBuilder(
                URI.create(pages.base() + "/hr/rounds/no-such-round-q7xz")).header("Accept", "application/json")
                .GET().build());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).doesNotContain("q7xz");
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

    /** A page as a browser asks for it (HTML first). */
    private static HttpResponse<String> browserGet(HrSession pages, String path) {
        return pages.send(HttpRequest.newBuilder(URI.create(pages.base() + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());
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
