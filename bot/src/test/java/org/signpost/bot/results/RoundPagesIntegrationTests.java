package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.SignpostApplication;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.RoundRegistry;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.util.HtmlUtils;
import redis.clients.jedis.UnifiedJedis;

/**
 * HR runs rounds from the pages of one instance, and another instance on the same Redis sees them at
 * once: its conversation offers the round opened on the first, and stops offering it the moment it is
 * closed on the second. Bad input is refused with its message and changes nothing; the schedule opens
 * and closes rounds when a moved clock says so, once however many instances run it; everything is in the
 * audit log.
 */
class RoundPagesIntegrationTests {

    static final String USER = "hr-rounds";
    static final String PASSWORD = "rounds-test-password-1";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @TempDir
    static Path folder;
    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClass();
    static UnifiedJedis redis;
    static FakeConnector connector;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        redis = server.client();
        connector = new FakeConnector();
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        connector.close();
    }

    @Test
    void oneInstanceOpensAndTheOtherClosesAndEachSeesTheOthersRoundsAtOnce() {
        HrSession one = signedIn(first);
        HrSession two = signedIn(second);
        assertThat(one.get("/hr").body()).contains("baseline-2025", WORDING.text("results.state.closed"));

        HttpResponse<String> created = post(one, "/hr/new-round", "/hr/new-round", Map.of("id", "pulse-2027",
                "survey", "staff-survey", "opens", "", "closes", ""));
        assertThat(created.headers().firstValue("Location")).hasValue(one.base() + "/hr?done=opened&round=pulse-2027");
        assertThat(redis.hget("signpost:agg:{pulse-2027}:meta", "state")).isEqualTo("open");
        assertThat(redis.hget("signpost:agg:{pulse-2027}:meta", "structure")).isEqualTo(SURVEY.structureHash());
        assertThat(two.get("/hr").body()).contains("pulse-2027", WORDING.text("results.state.open"));

        // a person on the other instance answers the round at once
        Activities person = new Activities(connector.serviceUrl(), "29:robin", "Robin", "aad-robin");
        new SurveyRespondent(endpoint(second), person, "a:robin").answer("pulse-2027", SURVEY,
                Map.of("stigma-awareness", "agree", "role", "manager"));
        assertThat(redis.hget("signpost:agg:{pulse-2027}:all", "responses")).isEqualTo("1");

        // closing needs the CSRF token
        assertThat(two.postForm("/hr/rounds/pulse-2027/close", Map.of()).statusCode()).isEqualTo(403);
        assertThat(redis.hget("signpost:agg:{pulse-2027}:meta", "state")).isEqualTo("open");

        HttpResponse<String> closed = post(two, "/hr/rounds/pulse-2027/close", "/hr/rounds/pulse-2027/close", Map.of());
        assertThat(closed.headers().firstValue("Location")).hasValue(two.base() + "/hr?done=closed&round=pulse-2027");
        assertThat(redis.hget("signpost:agg:{pulse-2027}:meta", "state")).isEqualTo("closed");
        assertThat(redis.exists("signpost:resp:{pulse-2027}")).as("tokens deleted").isFalse();
        assertThat(redis.exists("signpost:hr:{rounds}:open")).isFalse();
        endpoint(first).post(person.message("a:robin-later", "take the survey"));
        assertThat(connector.sentTo("a:robin-later").stream().map(FakeConnector.Sent::text))
                .contains(WORDING.text("survey.noRound"));

        // closing twice, or opening it again, is refused and changes nothing
        assertRefused(post(one, "/hr", "/hr/rounds/pulse-2027/close", Map.of()), 409, "ALREADY_CLOSED");
        assertRefused(post(one, "/hr", "/hr/rounds/pulse-2027/open", Map.of()), 409, "ALREADY_CLOSED");
        assertThat(redis.hget("signpost:agg:{pulse-2027}:all", "responses")).isEqualTo("1");

        String audit = one.get("/hr/audit").body();
        assertThat(audit).contains("new round pulse-2027 of survey staff-survey", "round pulse-2027", "closed",
                "was refused");
    }

    @Test
    void badInputIsRefusedWithItsMessageAndChangesNothing() {
        HrSession hr = signedIn(first);
        Map<String, String> before = redis.hgetAll("signpost:hr:{rounds}:list");
        String soon = FORM.format(Instant.now().plus(Duration.ofDays(2)).atZone(LONDON));
        String later = FORM.format(Instant.now().plus(Duration.ofDays(3)).atZone(LONDON));
        String past = FORM.format(Instant.now().minus(Duration.ofDays(1)).atZone(LONDON));
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "Bad Id!", "survey", "staff-survey")),
                400, "INVALID_ID");
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "fine-id", "survey", "no-such-survey")),
                400, "UNKNOWN_SURVEY");
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "baseline-2025", "survey",
                "staff-survey", "opens", soon)), 409, "ALREADY_EXISTS");
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "fine-id", "survey", "staff-survey",
                "opens", past)), 400, "IN_THE_PAST");
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "fine-id", "survey", "staff-survey",
                "opens", later, "closes", soon)), 400, "CLOSES_BEFORE_OPENS");
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "fine-id", "survey", "staff-survey",
                "opens", "next tuesday")), 400, "MALFORMED_DATE");
        assertRefused(post(hr, "/hr", "/hr/rounds/no-such-round/open", Map.of()), 404, "UNKNOWN_ROUND");
        assertRefused(post(hr, "/hr", "/hr/rounds/no-such-round/close", Map.of()), 404, "UNKNOWN_ROUND");
        assertThat(redis.hgetAll("signpost:hr:{rounds}:list")).isEqualTo(before);
        assertThat(redis.exists("signpost:agg:{fine-id}:meta")).isFalse();

        // a second round while one is open
        post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "open-one", "survey", "staff-survey"));
        assertRefused(post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "open-two", "survey", "staff-survey")),
                409, "ANOTHER_OPEN", "open-one");
        assertThat(redis.hexists("signpost:hr:{rounds}:list", "open-two")).isFalse();
        assertRefused(post(hr, "/hr/rounds/open-one/schedule", "/hr/rounds/open-one/schedule",
                Map.of("closes", past)), 400, "IN_THE_PAST");
        assertThat(redis.hget("signpost:hr:{rounds}:list", "open-one")).endsWith("||");
        post(hr, "/hr/rounds/open-one/close", "/hr/rounds/open-one/close", Map.of());
    }

    /**
     * A malformed round id in a round's action, read or posted as a browser does: a bad request (400) on the pages'
     * own error page, as for a round's results, not "unknown round" (404) over the list of rounds; nothing of the
     * id is shown, and nothing changes.
     */
    @Test
    void aMalformedRoundIdIsABadRequestOnThePagesOwnErrorPage() {
        HrSession hr = signedIn(first);
        Map<String, String> before = redis.hgetAll("signpost:hr:{rounds}:list");
        String form = "_csrf=" + URLEncoder.encode(hr.csrf("/hr"), StandardCharsets.UTF_8) + "&closes=";
        for (String asked : List.of("GET close", "GET schedule", "POST open", "POST close", "POST schedule")) {
            String[] methodAndAction = asked.split(" ");
            HttpResponse<String> page = hr.send(HttpRequest.newBuilder(URI.create(hr.base()
                            + "/hr/rounds/Bad_Round%3Cq7xz%3E/" + methodAndAction[1]))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(methodAndAction[0], methodAndAction[0].equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(form)).build());
            assertThat(page.statusCode()).as(asked).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type")).as(asked)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(asked).contains(HtmlUtils.htmlEscape(
                    WORDING.text("pages.error.badRequest.heading")), "href=\"/hr\"")
                    .doesNotContain("q7xz", HtmlUtils.htmlEscape(WORDING.text("results.rounds.problem.UNKNOWN_ROUND")));
        }
        assertThat(redis.hgetAll("signpost:hr:{rounds}:list")).isEqualTo(before);
        assertThat(hr.get("/hr/audit").body()).contains("open round (not a round id) (INVALID_ID)");
    }

    @Test
    void theScheduleOpensAndClosesOnceWhenTheClockSaysSoOnEveryInstance() {
        HrSession hr = signedIn(first);
        Instant opens = atNoonInLondon(Instant.now().plus(Duration.ofDays(10)));
        Instant closes = opens.plus(Duration.ofDays(7));
        HttpResponse<String> scheduled = post(hr, "/hr/new-round", "/hr/new-round", Map.of("id", "autumn-2027",
                "survey", "staff-survey", "opens", FORM.format(opens.atZone(LONDON)),
                "closes", FORM.format(closes.atZone(LONDON))));
        assertThat(scheduled.headers().firstValue("Location")).hasValue(hr.base() + "/hr?done=scheduled&round=autumn-2027");
        assertThat(redis.exists("signpost:agg:{autumn-2027}:meta")).isFalse();
        // a new closing time alone keeps the opening time (an empty field must not leave a round that never opens)
        post(hr, "/hr/rounds/autumn-2027/schedule", "/hr/rounds/autumn-2027/schedule",
                Map.of("closes", FORM.format(closes.atZone(LONDON))));
        assertThat(redis.hget("signpost:hr:{rounds}:list", "autumn-2027"))
                .endsWith("|" + opens.toEpochMilli() + "|" + closes.toEpochMilli());

        runSchedule(first, opens.minusSeconds(1));
        assertThat(redis.exists("signpost:agg:{autumn-2027}:meta")).as("not before its time").isFalse();
        runSchedule(first, opens);
        runSchedule(second, opens.plusSeconds(30));
        assertThat(redis.hget("signpost:agg:{autumn-2027}:meta", "state")).isEqualTo("open");
        assertThat(redis.get("signpost:hr:{rounds}:open")).isEqualTo("autumn-2027");

        runSchedule(second, closes.minusSeconds(1));
        assertThat(redis.hget("signpost:agg:{autumn-2027}:meta", "state")).isEqualTo("open");
        runSchedule(first, closes);
        runSchedule(second, closes);
        assertThat(redis.hget("signpost:agg:{autumn-2027}:meta", "state")).isEqualTo("closed");

        List<String> scheduleEntries = new ArrayList<>();
        for (String entry : redis.zrange("signpost:hr:{audit}:log", 0, -1)) {
            if (entry.contains(ResultsConfiguration.SCHEDULE) && entry.contains("autumn-2027")) {
                scheduleEntries.add(entry);
            }
        }
        assertThat(scheduleEntries).as("opened once and closed once, whichever instance ran it").hasSize(2);
    }

    /**
     * Noon on that day, London time: the form's fields have no offset, so a time in the hour the clocks go back
     * (01:00-02:00 twice) would read back as the first of the two, an hour early (now + 10 days fell there when the
     * build ran between 01:00 and 02:00 UTC ten or seventeen days before the last Sunday of October).
     */
    static Instant atNoonInLondon(Instant day) {
        return day.atZone(LONDON).toLocalDate().atTime(12, 0).atZone(LONDON).toInstant();
    }

    private static void runSchedule(ConfigurableApplicationContext instance, Instant at) {
        ResultsConfiguration.runSchedule(instance.getBean(RoundRegistry.class), instance.getBean(AuditLog.class),
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String problem) {
        assertRefused(response, status, problem, "");
    }

    /** Refused with the status and the problem's own words on the page. */
    private static void assertRefused(HttpResponse<String> response, int status, String problem, String other) {
        assertThat(response.statusCode()).as(problem).isEqualTo(status);
        assertThat(response.body()).as(problem).contains(HtmlUtils.htmlEscape(
                WORDING.text("results.rounds.problem." + problem, Map.of("other", other))));
    }

    /** A form posted with the CSRF token of the page it is on. */
    private static HttpResponse<String> post(HrSession hr, String page, String path, Map<String, String> form) {
        Map<String, String> withToken = new HashMap<>(form);
        withToken.put("_csrf", hr.csrf(page));
        return hr.postForm(path, withToken);
    }

    private static HrSession signedIn(ConfigurableApplicationContext instance) {
        HrSession hr = new HrSession(port(instance));
        assertThat(hr.signIn(USER, PASSWORD).headers().firstValue("Location")).hasValue(hr.base() + "/hr");
        return hr;
    }

    private static Endpoint endpoint(ConfigurableApplicationContext instance) {
        return new Endpoint(port(instance));
    }

    private static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext instance() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--signpost.redis.url=" + server.url(),
                "--signpost.redis.data-folder=" + folder.resolve("unused"),
                "--signpost.signin.local.username=" + USER,
                "--signpost.signin.local.password-hash=" + new BCryptPasswordEncoder(4).encode(PASSWORD),
                "--signpost.signin.local.account-file=" + folder.resolve("keys/hr-account"),
                "--signpost.survey.rounds[0].id=baseline-2025",
                "--signpost.survey.rounds[0].survey=staff-survey",
                "--signpost.survey.rounds[0].state=closed"));
        args.addAll(TestKeys.arguments());
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }
}
