package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Nothing personal in the logs at any level: canary identifiers, names and message text go through
 * every path with every logger at DEBUG, and none of them may appear in what was logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=DEBUG", "logging.level.org.signpost=TRACE",
                // the fake connector's own JDK HTTP server (test code, not the app) logs request lines
                "logging.level.com.sun.net.httpserver=INFO"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class LogPrivacyIntegrationTests {

    static final String USER_ID = "29:canary-user-7f3a";
    static final String NAME = "Canary Person Qxv";
    static final String AAD_ID = "aad-canary-9b2c";
    static final String TEXT = "canary-text-e8f1 nobody knows how I feel";
    static final String CONVERSATION = "a:canary-conv-51d";
    static final String ACTIVITY_ID = "canary-activity-0c4e";
    static final List<String> CANARIES = List.of("canary-user-7f3a", NAME, AAD_ID, "canary-text-e8f1",
            "canary-conv-51d", ACTIVITY_ID);

    static final LocalTrial trial = new LocalTrial("signpost-logs");
    static final FakeConnector connector = trial.connector();
    static final Path data = trial.data();

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

    private final Activities teams = new Activities(connector.serviceUrl(), USER_ID, NAME, AAD_ID);

    @Test
    void noIdentifierNameOrTextIsLoggedOnAnyPath(CapturedOutput output) {
        Endpoint endpoint = new Endpoint(port);

        // a normal conversation: install, first message, a menu choice, a group mention
        assertThat(endpoint.post(withCanaryIds(teams.installationUpdate(CONVERSATION, "add"))).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(withCanaryIds(teams.message(CONVERSATION, TEXT))).statusCode()).isEqualTo(200);
        ObjectNode button = withCanaryIds(teams.message(CONVERSATION, null));
        button.putObject("value").put("signpost", "privacy").put("note", TEXT);
        assertThat(endpoint.post(button).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(withCanaryIds(teams.groupMention("19:canary-conv-51d@thread.v2", TEXT))).statusCode())
                .isEqualTo(200);
        assertThat(connector.sentTo(CONVERSATION)).isNotEmpty();

        // a survey: start, answers, a forged answer quoting the canary, typed text mid-survey, submit, again
        String survey = "a:canary-conv-51d-survey";
        endpoint.post(withCanaryIds(teams.message(survey, "take the survey")));
        endpoint.post(withCanaryIds(teams.button(survey, SurveyRespondent.step("trial", "start"))));
        Map<String, String> forged = SurveyRespondent.step("trial", "answer");
        forged.put("question", "stigma-awareness");
        forged.put("answer", TEXT);
        endpoint.post(withCanaryIds(teams.button(survey, forged)));
        endpoint.post(withCanaryIds(teams.message(survey, TEXT)));
        for (String question : List.of("stigma-awareness", "talk-to-manager")) {
            Map<String, String> click = SurveyRespondent.step("trial", "answer");
            click.put("question", question);
            click.put("answer", "agree");
            endpoint.post(withCanaryIds(teams.button(survey, click)));
        }
        endpoint.post(withCanaryIds(teams.button(survey, SurveyRespondent.step("trial", "submit"))));
        endpoint.post(withCanaryIds(teams.button(survey, SurveyRespondent.step("trial", "cancel"))));
        assertThat(connector.sentTo(survey).stream().map(FakeConnector.Sent::text))
                .anyMatch(text -> text.startsWith("Sorry, that answer doesn't belong"))
                .anyMatch(text -> text.startsWith("The survey is cancelled"));

        // malformed and oversized bodies that quote the canaries
        assertThat(endpoint.post("{\"type\":\"message\",\"text\":\"" + TEXT + "\",\"from\":{\"id\":\"" + USER_ID,
                null).statusCode()).isEqualTo(400);
        assertThat(endpoint.post("{\"type\":\"message\",\"text\":\"" + TEXT + "\",\"from\":" + USER_ID + "}", null)
                .statusCode()).isEqualTo(400);

        // an error in a turn: the connector fails every send, the apology included
        String failing = FakeConnector.FAILING_PREFIX + "canary-conv-51d";
        assertThat(endpoint.post(withCanaryIds(teams.message(failing, TEXT))).statusCode()).isEqualTo(500);

        // Redis down: readiness says so; the turn fails, the person still gets an apology with the support line
        assertThat(readiness()).isEqualTo(200);
        shutDownRedis();
        assertThat(readiness()).isEqualTo(503);
        assertThat(endpoint.post(withCanaryIds(teams.message(CONVERSATION, TEXT))).statusCode()).isEqualTo(200);
        assertThat(connector.sentTo(CONVERSATION).get(connector.sentTo(CONVERSATION).size() - 1).text())
                .startsWith("Sorry, something went wrong").contains("116 123");

        String logged = output.getAll();
        assertThat(logged).contains("A turn failed", "Could not process an activity");
        for (String canary : CANARIES) {
            assertThat(logged).as("the logs must not contain %s", canary).doesNotContain(canary);
        }
    }

    private static ObjectNode withCanaryIds(ObjectNode activity) {
        activity.put("id", ACTIVITY_ID);
        activity.put("replyToId", ACTIVITY_ID);
        return activity;
    }

    private int readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
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
