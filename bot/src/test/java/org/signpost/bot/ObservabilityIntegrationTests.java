package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signpost.bot.broadcast.RedisDeliveryQueue;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * What operations see: Prometheus metrics on the management port only, counting turns and submissions
 * with bounded labels and nothing about anyone; JSON logs with nothing personal; readiness that follows
 * Redis, while the bot still answers with the support line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=ecs", "signpost.broadcast.idle-poll=200ms"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class ObservabilityIntegrationTests {

    static final String USER_ID = "29:metrics-user-4d1e";
    static final String NAME = "Metrics Person Zqw";
    static final String AAD_ID = "aad-metrics-77b0";
    static final String CONVERSATION = "a:metrics-conv-9c2";
    static final String GROUP = "19:metrics-group-5aa";
    static final String TEXT = "metrics-text-31f hello there";
    static final List<String> CANARIES = List.of("metrics-user-4d1e", NAME, AAD_ID, "metrics-conv-9c2",
            "metrics-group-5aa", "metrics-text-31f", "tenant-1");
    /** Every value a Signpost metric's label may take. */
    static final Set<String> BOUNDED_LABEL_VALUES = Set.of("message", "conversationUpdate", "installationUpdate",
            "invoke", "event", "typing", "messageReaction", "messageUpdate", "messageDelete", "endOfConversation",
            "other", "completed", "failed", "counted", "already_counted", "round_closed", "not_saved", "unknown",
            "delivered", "signpost", "sent", "retried", "skipped_optout", "signed_up", "waiting_list", "withdrawn",
            "refused_consent");
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");

    static final LocalTrial trial = new LocalTrial("signpost-metrics");
    static final FakeConnector connector = trial.connector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    UnifiedJedis redis;

    @Autowired
    RedisDeliveryQueue queue;

    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void metricsCountTheConversationWithBoundedLabelsAndNothingPersonal(CapturedOutput output) throws Exception {
        // Logback is configured once per JVM while other tests' contexts stay cached: configure it as this app would
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        assertThat(managementPort).as("management on a port of its own").isNotEqualTo(port);
        Endpoint endpoint = new Endpoint(port);
        Activities teams = new Activities(connector.serviceUrl(), USER_ID, NAME, AAD_ID);
        assertThat(endpoint.post(teams.installationUpdate(CONVERSATION, "add")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(teams.message(CONVERSATION, TEXT)).statusCode()).isEqualTo(200);
        Map<String, String> answers = SurveyTally.randomAnswers(new Random(7));
        new SurveyRespondent(endpoint, teams, CONVERSATION).answer("trial", SurveyTally.SURVEY, answers);
        new FocusGroupVolunteer(endpoint, teams, CONVERSATION, connector).signUp();
        ObjectNode group = teams.groupMention(GROUP, TEXT);
        assertThat(endpoint.post(group).statusCode()).isEqualTo(200);
        ObjectNode odd = teams.message(CONVERSATION, TEXT);
        odd.put("type", "metrics-text-31f-type");
        assertThat(endpoint.post(odd).statusCode()).isEqualTo(200);

        String scrape = get(managementPort, "/actuator/prometheus").body();
        assertThat(value(scrape, "signpost_survey_submissions_total", "outcome=\"counted\"")).isEqualTo(1.0);
        assertThat(value(scrape, "signpost_focusgroup_signups_total", "outcome=\"signed_up\"")).isEqualTo(1.0);
        assertThat(value(scrape, "signpost_focusgroup_signups_total", "outcome=\"withdrawn\"")).isEqualTo(0.0);
        assertThat(value(scrape, "signpost_turns_seconds_count", "outcome=\"completed\",type=\"message\""))
                .isGreaterThanOrEqualTo(SurveyTally.SURVEY.questions().size() + 4.0);
        assertThat(value(scrape, "signpost_turns_seconds_count", "outcome=\"completed\",type=\"installationUpdate\""))
                .isEqualTo(1.0);
        assertThat(value(scrape, "signpost_turns_seconds_count", "outcome=\"completed\",type=\"other\""))
                .as("a type the sender made up is not a label").isEqualTo(1.0);
        assertThat(scrape).contains("signpost_turns_seconds_bucket");
        assertThat(value(scrape, "http_server_requests_seconds_count", "status=\"200\",uri=\"/api/messages\""))
                .as("the endpoint's requests, named by its path").isGreaterThanOrEqualTo(SurveyTally.SURVEY.questions().size() + 4.0);
        for (String canary : CANARIES) {
            assertThat(scrape).as("the metrics must not contain %s", canary).doesNotContain(canary);
        }
        for (String labelValue : signpostLabelValues(scrape)) {
            assertThat(labelValue).isIn(BOUNDED_LABEL_VALUES);
        }
        assertThat(get(port, "/actuator/prometheus").statusCode()).as("not next to /api/messages").isEqualTo(404);
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(404);

        // a scripted broadcast: one person reachable, one who said "stop announcements"
        Activities other = new Activities(connector.serviceUrl(), "29:metrics-other", "Other", "aad-metrics-other");
        assertThat(endpoint.post(other.installationUpdate("a:metrics-other", "add")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(other.message("a:metrics-other", "stop announcements")).statusCode()).isEqualTo(200);
        queue.schedule(new Broadcast("metrics-b1", "tenant-1", "time-to-talk-day", Audience.everyoneReachable(),
                Instant.now()));
        awaitSent("metrics-b1");

        String afterBroadcast = get(managementPort, "/actuator/prometheus").body();
        assertThat(value(afterBroadcast, "signpost_broadcast_sends_total", "outcome=\"sent\"")).isEqualTo(1.0);
        assertThat(value(afterBroadcast, "signpost_broadcast_sends_total", "outcome=\"skipped_optout\"")).isEqualTo(1.0);
        assertThat(value(afterBroadcast, "signpost_broadcast_sends_total", "outcome=\"failed\"")).isZero();
        for (String labelValue : signpostLabelValues(afterBroadcast)) {
            assertThat(labelValue).isIn(BOUNDED_LABEL_VALUES);
        }

        // Redis goes away: not ready (traffic moves elsewhere), still alive, and still answering with the support line
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        shutDownRedis();
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        // (in a chat this instance has not marked active a moment ago, so that the turn needs Redis)
        String unmarked = CONVERSATION + "-unmarked";
        assertThat(endpoint.post(teams.message(unmarked, TEXT)).statusCode()).isEqualTo(200);
        List<FakeConnector.Sent> sent = connector.sentTo(unmarked);
        assertThat(sent.get(sent.size() - 1).text()).isEqualTo(WORDING.text("error.apology"));
        assertThat(value(get(managementPort, "/actuator/prometheus").body(), "signpost_turns_seconds_count",
                "outcome=\"failed\",type=\"message\"")).isEqualTo(1.0);

        // JSON logs (Spring Boot's structured logging), and nothing personal in them either
        List<String> lines = output.getOut().lines().filter(line -> line.startsWith("{")).toList();
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).has("message")).isTrue();
        }
        assertThat(lines).anyMatch(line -> line.contains("A turn failed"));
        // a library's exception message (Jedis names the address it could not reach) stays out of them
        List<JsonNode> errors = new ArrayList<>();
        for (String line : lines) {
            if (json.readTree(line).has("error")) {
                errors.add(json.readTree(line).path("error"));
            }
        }
        assertThat(errors).isNotEmpty().allSatisfy(error -> {
            assertThat(error.has("message")).isFalse();
            assertThat(error.path("stack_trace").asText()).contains("[message withheld]")
                    .doesNotContain("Failed to connect");
        });
        for (String canary : CANARIES) {
            assertThat(output.getAll()).as("the logs must not contain %s", canary).doesNotContain(canary);
        }
    }

    private void awaitSent(String broadcastId) throws InterruptedException {
        for (int tries = 0; queue.progress(broadcastId).map(Progress::state).orElseThrow() != BroadcastState.DONE; tries++) {
            assertThat(tries).as("the broadcast is sent").isLessThan(600);
            Thread.sleep(50);
        }
    }

    private static double value(String scrape, String metric, String labels) {
        Matcher sample = Pattern.compile("^" + metric + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        while (sample.find()) {
            if (sample.group(1).contains(labels)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("No " + metric + " with " + labels + " in the scrape");
    }

    private static List<String> signpostLabelValues(String scrape) {
        List<String> values = new ArrayList<>();
        Matcher sample = Pattern.compile("^signpost_\\w+\\{([^}]*)\\}", Pattern.MULTILINE).matcher(scrape);
        while (sample.find()) {
            Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(sample.group(1));
            while (label.find()) {
                if (!label.group(1).equals("le") && !label.group(1).equals("quantile")) {
                    values.add(label.group(2));
                }
            }
        }
        assertThat(values).isNotEmpty();
        return values;
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void shutDownRedis() {
        try {
            redis.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE");
        } catch (JedisConnectionException expected) {
            // the server closes the connection as it goes
        }
    }
}
