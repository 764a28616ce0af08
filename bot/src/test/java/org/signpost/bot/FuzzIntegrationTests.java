package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signpost.bot.messaging.LocalIdentityProvider;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Bad input, as production gets it (an app id, signed tokens): malformed, oversized and stalled bodies, forged
 * tokens, activities missing what every activity has, card values of every wrong shape, survey clicks out
 * of order, for a made-up round, or twice. Nothing gets a 5xx (malformed JSON gets 400), no counter moves,
 * and no stack trace reaches the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FuzzIntegrationTests {

    /** The start of a log event in Spring Boot's console format, and its thread. */
    private static final Pattern LOG_EVENT = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+ +\\w+ \\d+ --- \\[[^\\]]*\\] \\[ *([^\\]]*)\\]");


    static final String APP_ID = "00000000-0000-0000-0000-0000000f0220";
    static final String ROUND = "fuzz";
    static final SurveyDefinition SURVEY = SurveyTally.SURVEY;
    static final Path work = TestRedis.tempFolder("signpost-fuzz");
    static final LocalIdentityProvider identity = LocalIdentityProvider.start(work);
    static final FakeConnector connector = new FakeConnector();
    static final Set<Integer> CLEAR_REFUSALS = Set.of(400, 401, 403, 408, 413, 415);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        identity.registerSingleTenantApp(registry, APP_ID, "tenant-1");
        TestKeys.register(registry);
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
        registry.add("signpost.survey.rounds[0].id", () -> ROUND);
        registry.add("signpost.survey.rounds[0].survey", () -> "staff-survey");
        registry.add("signpost.survey.rounds[0].state", () -> "open");
    }

    @AfterAll
    static void stop() {
        identity.close();
        connector.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    private final Random random = new Random(20261130);
    private final List<String> outcomes = new ArrayList<>();

    @Test
    void badInputGetsAClearAnswerMovesNoCounterAndLeavesNoStackTrace(CapturedOutput output) {
        Map<String, Map<String, String>> countersBefore = counters();
        String valid = "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
        Endpoint endpoint = new Endpoint(port);

        // malformed, oversized and mistyped bodies
        for (String body : List.of("", "{", "not json", "[]", "null", "\"message\"", "{\"type\":", "{\"type\":5}",
                "{\"type\":\"message\",\"from\":\"someone\"}", "{\"type\":\"message\",\"conversation\":[]}",
                "{\"type\":[\"message\"]}", "\u0000\u0001\u0002", "{\"type\":\"message\",\"text\":\"\\ud800\"}")) {
            record("body " + body, endpoint.post(body, valid).statusCode());
        }
        record("oversized", endpoint.post(activity("a:fuzz-big", a -> a.put("text", "x".repeat(300_000))).toString(),
                valid).statusCode());

        // forged, expired and misdirected tokens, on an otherwise good activity
        String good = activity("a:fuzz-token", a -> a.put("text", "hello")).toString();
        for (String authorization : List.of("", "Bearer", "Bearer ", "Bearer a.b.c", "Basic dXNlcjpwYXNz",
                "Bearer " + identity.sign(identity.channelToken("another-app", connector.serviceUrl())),
                "Bearer " + identity.sign(identity.channelToken(APP_ID, "https://smba.trafficmanager.net/emea/")),
                "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl())
                        .withExpiresAt(Instant.now().minusSeconds(3600)).withNotBefore(Instant.now().minusSeconds(7200))),
                "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()).withIssuer("https://evil")))) {
            record("token " + authorization.length(), endpoint.post(good, authorization.isEmpty() ? null : authorization)
                    .statusCode());
        }

        // activities missing what every activity has, or with odd values where text goes
        List<Consumer<ObjectNode>> odd = List.of(a -> a.remove("conversation"), a -> a.remove("from"),
                a -> a.remove("recipient"), a -> a.remove("channelId"), a -> a.remove("serviceUrl"),
                a -> a.put("type", "madeUpType"), a -> a.put("type", ""), a -> a.putNull("text"),
                a -> a.put("text", "work is busy this week ".repeat(1_200)),
                a -> a.put("text", "x".repeat(3_000)), a -> a.put("text", "\u202e\u0000<at>bot</at>\r\n\t\u00ff"),
                a -> a.put("locale", "xx-NOPE"), a -> a.put("locale", "../../etc/passwd"),
                a -> a.with("conversation").put("id", ""), a -> a.with("conversation").putNull("id"),
                a -> a.with("from").put("id", ""), a -> a.with("from").remove("aadObjectId"),
                a -> a.put("timestamp", "yesterday"), a -> a.put("value", "a string"), a -> a.put("value", 42),
                a -> a.putArray("value").add(1), a -> a.putNull("value"),
                a -> a.putObject("value").putObject("signpost").put("nested", true),
                a -> a.putObject("value").put("signpost", "no-such-capability"),
                a -> a.putObject("value").put("signpost", "survey").put("step", "explode"),
                a -> a.putObject("value").put("signpost", "survey").put("step", "submit").put("round", ROUND),
                a -> a.putObject("value").put("signpost", "survey").put("step", "submit").put("round", "made-up"),
                a -> a.putObject("value").put("signpost", "survey").put("step", "start").put("round", "{fuzz}"),
                a -> a.putObject("value").put("signpost", "survey").put("step", "answer").put("round", ROUND)
                        .put("question", "no-such-question").put("answer", "agree"),
                a -> a.putObject("value").put("signpost", "survey").put("step", "answer").put("round", ROUND)
                        .put("question", SURVEY.questions().get(0).id()).put("answer", "x".repeat(5000)),
                a -> a.putObject("value").put("signpost", "survey").put("step", "answer").put("round", ROUND)
                        .put("question", SURVEY.questions().get(0).id()).putArray("answer").add("agree"));
        for (int i = 0; i < odd.size(); i++) {
            String conversation = "a:fuzz-odd-" + i;
            record("odd " + i, endpoint.post(activity(conversation, a -> a.put("text", "hello")).toString(), valid)
                    .statusCode());
            long started = System.nanoTime();
            record("odd " + i, endpoint.post(activity(conversation, odd.get(i)).toString(), valid).statusCode());
            System.out.printf("odd %d answered in %d ms%n", i, (System.nanoTime() - started) / 1_000_000);
        }

        // survey clicks reordered (last question first), a later card, submit early, start twice, submit twice
        String conversation = "a:fuzz-survey";
        List<String> clicks = new ArrayList<>();
        clicks.add(click("start", null, null));
        clicks.add(click("start", null, null));
        for (int i = SURVEY.size() - 1; i >= 1; i--) {
            SurveyDefinition.Question question = SURVEY.questions().get(i);
            clicks.add(click("answer", question.id(), question.optionIds().isEmpty() ? "words"
                    : question.optionIds().get(random.nextInt(question.optionIds().size()))));
        }
        clicks.add(click("submit", null, null));
        clicks.add(click("submit", null, null));
        clicks.add(click("cancel", null, null));
        clicks.add(click("submit", null, null));
        for (String click : clicks) {
            record("click", endpoint.post(activity(conversation, a -> a.set("value", parse(click))).toString(), valid)
                    .statusCode());
        }

        assertThat(outcomes).as("no 5xx").allSatisfy(outcome -> assertThat(outcome).doesNotEndWith(":500")
                .doesNotEndWith(":502").doesNotEndWith(":503"));
        assertThat(outcomes).filteredOn(outcome -> outcome.startsWith("body ")).allSatisfy(outcome ->
                assertThat(outcome).endsWith(":400"));
        assertThat(counters()).as("no counter moved").isEqualTo(countersBefore);
        assertThat(exceptTheConnectionPoolEvictors(output.getAll())).as("no stack trace in the log")
                .doesNotContain("\tat ", "Caused by:");
    }

    /**
     * A request whose body never comes in full (a slow or hostile client) holds a connection and a request
     * thread until the server gives up on it: within the connection timeout Signpost sets, not Tomcat's 60 s.
     */
    @Test
    void aRequestWhoseBodyStallsIsEndedSoonWithNoCounterMovedAndNoStackTrace(CapturedOutput output) throws IOException {
        Map<String, Map<String, String>> countersBefore = counters();
        String valid = "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
        byte[] head = ("POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: " + valid + "\r\nContent-Length: 2000\r\n\r\n{\"type\":\"message\",")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // well past the setting (5 s), well short of Tomcat's own 60 s
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().flush();
            answer = socket.getInputStream().readAllBytes();
        }
        String status = new String(answer, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        if (!status.isEmpty()) {
            record("stalled body", Integer.parseInt(status.substring(9, 12)));
        }
        assertThat(counters()).as("no counter moved").isEqualTo(countersBefore);
        assertThat(exceptTheConnectionPoolEvictors(output.getAll())).as("no stack trace in the log")
                .doesNotContain("\tat ", "Caused by:");
    }

    /**
     * The log without the events of Jedis's pool evictors: those of other test classes' cached contexts, whose
     * Redis servers have stopped, keep checking their idle connections and say so with a trace.
     */
    private static String exceptTheConnectionPoolEvictors(String log) {
        StringBuilder kept = new StringBuilder();
        boolean evictor = false;
        for (String line : log.split("\n", -1)) {
            Matcher event = LOG_EVENT.matcher(line);
            if (event.find()) {
                evictor = event.group(1).contains("pool-evictor");
            }
            if (!evictor) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private void record(String what, int status) {
        assertThat(status).as(what).satisfiesAnyOf(s -> assertThat(s).isEqualTo(200),
                s -> assertThat(s).isIn(CLEAR_REFUSALS));
        outcomes.add(what + ":" + status);
    }

    private Map<String, Map<String, String>> counters() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        CounterLayout.allFields(SURVEY).keySet().forEach(hash ->
                all.put(hash, new TreeMap<>(redis.hgetAll("signpost:agg:{" + ROUND + "}:" + hash))));
        all.put("meta", new TreeMap<>(redis.hgetAll("signpost:agg:{" + ROUND + "}:meta")));
        return all;
    }

    private static String click(String step, String question, String answer) {
        Map<String, String> value = new HashMap<>(SurveyRespondent.step(ROUND, step));
        if (question != null) {
            value.put("question", question);
            value.put("answer", answer);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        value.forEach(node::put);
        return node.toString();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode activity(String conversation, Consumer<ObjectNode> change) {
        ObjectNode activity = new Activities(connector.serviceUrl(), "29:fuzz-user", "Fuzz", "aad-fuzz")
                .message(conversation, "hello");
        activity.remove("text");
        change.accept(activity);
        return activity;
    }
}
