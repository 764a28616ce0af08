package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.LocalTrial;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A local trial has no tokens, so what reaches it must come from this machine: JSON only (a web page can
 * post text/plain or a form anywhere without asking first), a loopback Host (DNS rebinding) and no
 * Origin but a loopback one (a web page in the tester's browser). What the Emulator, the Agents Playground or a
 * hand-written request sends is taken: an activity whose recipient has no role, an odd role, or none at all is
 * answered like any other (never taken for a skill's), and one without a channel is refused as no activity;
 * nothing gets a 5xx, and no turn fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LocalTrialEdgesIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-trial-edges");
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

    private final Activities teams = new Activities(connector.serviceUrl(), "29:user-1", "Alex Example", "aad-1");

    @Test
    void onlyJsonIsAccepted() {
        assertRefused("a:plain", 415, Map.of("Content-Type", "text/plain"));
        assertRefused("a:form", 415, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertRefused("a:multipart", 415, Map.of("Content-Type", "multipart/form-data; boundary=x"));
        assertRefused("a:garbled", 415, Map.of("Content-Type", "json"));

        assertAccepted("a:json-utf8", Map.of("Content-Type", "application/json; charset=utf-8"));
    }

    @Test
    void aHostOtherThanThisMachineIsRefused() {
        Endpoint endpoint = new Endpoint(port);

        assertThat(endpoint.postWithHost("evil.example", teams.message("a:rebound", "hello").toString())).isEqualTo(403);
        assertThat(endpoint.postWithHost("evil.example:" + port, teams.message("a:rebound", "hello").toString()))
                .isEqualTo(403);
        assertThat(endpoint.postWithHost("127.0.0.1.evil.example", teams.message("a:rebound", "hi").toString()))
                .isEqualTo(403);
        assertThat(connector.sentTo("a:rebound")).isEmpty();

        assertThat(endpoint.postWithHost("127.0.0.1:" + port, teams.message("a:by-address", "hello").toString()))
                .isEqualTo(200);
        assertThat(endpoint.postWithHost("localhost:" + port, teams.message("a:by-name", "hello").toString()))
                .isEqualTo(200);
        assertThat(connector.sentTo("a:by-address")).isNotEmpty();
        assertThat(connector.sentTo("a:by-name")).isNotEmpty();
    }

    @Test
    void aWebPageFromElsewhereIsRefused() {
        assertRefused("a:page", 403, Map.of("Origin", "http://evil.example"));
        assertRefused("a:page", 403, Map.of("Origin", "https://127.0.0.1.evil.example"));
        assertRefused("a:page", 403, Map.of("Origin", "null"));

        assertAccepted("a:local-page", Map.of("Origin", "http://localhost:56150"));
    }

    @Test
    void anEmulatorActivityIsAnsweredWhateverItsRecipientSaysItIs(CapturedOutput output) {
        assertAnswered("a:emulator-no-role", a -> emulator(a).with("recipient").remove("role"));
        assertAnswered("a:emulator-skill", a -> emulator(a).with("recipient").put("role", "skill"));
        assertAnswered("a:emulator-unknown-role", a -> emulator(a).with("recipient").put("role", "nonsense"));
        assertAnswered("a:emulator-bot", a -> emulator(a).with("recipient").put("role", "bot"));
        assertAnswered("a:emulator-no-recipient", a -> emulator(a).remove("recipient"));
        assertAnswered("a:emulator-null-recipient", a -> emulator(a).putNull("recipient"));

        assertThat(output.getAll()).doesNotContain("A turn failed", "Could not process an activity");
    }

    @Test
    void anActivityWithoutAChannelIsRefusedAsNoActivity(CapturedOutput output) {
        Endpoint endpoint = new Endpoint(port);
        ObjectNode none = teams.message("a:no-channel", "hello");
        none.remove("channelId");
        ObjectNode blank = teams.message("a:blank-channel", "hello");
        blank.put("channelId", " ");

        assertThat(endpoint.post(none).statusCode()).isEqualTo(400);
        assertThat(endpoint.post(blank).statusCode()).isEqualTo(400);
        assertThat(connector.sentTo("a:no-channel")).isEmpty();
        assertThat(connector.sentTo("a:blank-channel")).isEmpty();
        assertThat(output.getAll()).doesNotContain("A turn failed", "Could not process an activity");
    }

    private void assertAnswered(String conversation, Consumer<ObjectNode> change) {
        ObjectNode activity = teams.message(conversation, "hello");
        change.accept(activity);
        assertThat(new Endpoint(port).post(activity).statusCode()).as(conversation).isEqualTo(200);
        assertThat(connector.sentTo(conversation)).as("%s was answered", conversation).isNotEmpty();
    }

    private static ObjectNode emulator(ObjectNode activity) {
        activity.put("channelId", "emulator");
        activity.remove("channelData");
        return activity;
    }

    private void assertRefused(String conversation, int status, Map<String, String> headers) {
        assertThat(new Endpoint(port).postWithHeaders(teams.message(conversation, "hello").toString(), headers).statusCode())
                .as("%s", headers).isEqualTo(status);
        assertThat(connector.sentTo(conversation)).isEmpty();
    }

    private void assertAccepted(String conversation, Map<String, String> headers) {
        assertThat(new Endpoint(port).postWithHeaders(teams.message(conversation, "hello").toString(), headers).statusCode())
                .as("%s", headers).isEqualTo(200);
        assertThat(connector.sentTo(conversation)).isNotEmpty();
    }
}
