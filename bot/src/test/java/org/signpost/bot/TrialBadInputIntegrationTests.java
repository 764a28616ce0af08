package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A local trial (no app id, no token) takes what the Emulator, the Agents Playground or a hand-written request
 * sends: an activity whose recipient has no role, an odd role, or none at all is answered like any other, and
 * one without a channel is refused as no activity. Nothing gets a 5xx, and no turn fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TrialBadInputIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-trial-input");
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

    @Test
    void anEmulatorActivityIsAnsweredWhateverItsRecipientSaysItIs(CapturedOutput output) {
        answered("a:emulator-no-role", a -> emulator(a).with("recipient").remove("role"));
        answered("a:emulator-skill", a -> emulator(a).with("recipient").put("role", "skill"));
        answered("a:emulator-unknown-role", a -> emulator(a).with("recipient").put("role", "nonsense"));
        answered("a:emulator-bot", a -> emulator(a).with("recipient").put("role", "bot"));
        answered("a:emulator-no-recipient", a -> emulator(a).remove("recipient"));
        answered("a:emulator-null-recipient", a -> emulator(a).putNull("recipient"));

        assertThat(output.getAll()).doesNotContain("A turn failed", "Could not process an activity");
    }

    @Test
    void anActivityWithoutAChannelIsRefusedAsNoActivity(CapturedOutput output) {
        Endpoint endpoint = new Endpoint(port);
        Activities teams = new Activities(connector.serviceUrl(), "29:trial-no-channel", "Trial", "aad-trial");
        ObjectNode none = teams.message("a:trial-no-channel", "hello");
        none.remove("channelId");
        ObjectNode blank = teams.message("a:trial-blank-channel", "hello");
        blank.put("channelId", " ");

        assertThat(endpoint.post(none).statusCode()).isEqualTo(400);
        assertThat(endpoint.post(blank).statusCode()).isEqualTo(400);
        assertThat(connector.sentTo("a:trial-no-channel")).isEmpty();
        assertThat(connector.sentTo("a:trial-blank-channel")).isEmpty();
        assertThat(output.getAll()).doesNotContain("A turn failed", "Could not process an activity");
    }

    private void answered(String conversation, Consumer<ObjectNode> change) {
        ObjectNode activity = new Activities(connector.serviceUrl(), "user-" + conversation, "Trial", "aad-trial")
                .message(conversation, "hello");
        change.accept(activity);
        assertThat(new Endpoint(port).post(activity).statusCode()).as(conversation).isEqualTo(200);
        assertThat(connector.sentTo(conversation)).as("%s was answered", conversation).isNotEmpty();
    }

    private static ObjectNode emulator(ObjectNode activity) {
        activity.put("channelId", "emulator");
        activity.remove("channelData");
        return activity;
    }
}
