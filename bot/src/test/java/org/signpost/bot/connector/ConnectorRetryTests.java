package org.signpost.bot.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.FakeConnector.Scripted;
import org.signpost.dialogs.kernel.MutableClock;

/**
 * Outbound calls against a fake connector on loopback, through the same clients the adapter uses:
 * the statuses Teams asks to be retried are retried with backoff and Retry-After, within a budget; a
 * failure that may have posted the message is not. The clock is moved instead of waited on.
 */
class ConnectorRetryTests {

    static final ConnectorSettings SETTINGS = new ConnectorSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(20), 8, 5, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(10));

    private final FakeConnector connector = new FakeConnector();
    private final MutableClock clock = new MutableClock();
    private final List<Duration> waits = new ArrayList<>();
    private final ConnectorClients clients = new ConnectorClients(SETTINGS, new RetryInterceptor(
            SETTINGS.retryPolicy(), clock, wait -> {
                synchronized (waits) {
                    waits.add(wait);
                }
                clock.advance(wait);
            }, new Random(7)));

    @AfterEach
    void stop() {
        clients.close();
        connector.close();
    }

    @Test
    void retriesWhatTeamsAsksWithBackoffAndHonoursRetryAfterThenDelivers() throws Exception {
        connector.script(Scripted.retryAfter(429, "3"), Scripted.status(412), Scripted.status(502),
                Scripted.status(504));

        ResourceResponse sent = send(connector.serviceUrl(), "a:retried");

        assertThat(sent.getId()).startsWith("sent-");
        assertThat(connector.sentTo("a:retried")).hasSize(5);
        assertThat(waits).hasSize(4);
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        // exponential: each backoff is at least half of 250 ms doubled per retry, and at most the cap
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(waits.get(3)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRetriedPostSendsTheSameActivityEachTime() throws Exception {
        connector.script(Scripted.status(412), Scripted.status(502));
        Activity message = MessageFactory.text("hello, " + "é".repeat(5_000));
        message.setConversation(new ConversationAccount("a:posted"));

        clients.send(connector.serviceUrl(), MicrosoftAppCredentials.empty(), message);

        assertThat(connector.sentTo("a:posted")).hasSize(3).allSatisfy(sent -> assertThat(sent.activity())
                .isEqualTo(ConnectorClients.WIRE.readTree(Serialization.toString(message))));
    }

    @Test
    void aRetryAfterBeyondTheBudgetIsNotWaitedFor() {
        connector.script(Scripted.retryAfter(429, "60"));

        assertThatThrownBy(() -> send(connector.serviceUrl(), "a:too-long")).cause()
                .isInstanceOf(ErrorResponseException.class);
        assertThat(connector.sentTo("a:too-long")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        connector.script(Scripted.status(502), Scripted.status(502), Scripted.status(502), Scripted.status(502),
                Scripted.status(502), Scripted.status(502));

        assertThatThrownBy(() -> send(connector.serviceUrl(), "a:down")).cause()
                .isInstanceOf(ErrorResponseException.class);
        assertThat(connector.sentTo("a:down")).hasSize(SETTINGS.maxAttempts());
        assertThat(waits).hasSize(SETTINGS.maxAttempts() - 1);
    }

    @Test
    void aFailureThatMayHavePostedTheMessageIsNotRetried() {
        for (int status : List.of(500, 503, 400, 403)) {
            String conversation = "a:once-" + status;
            connector.script(Scripted.status(status));

            assertThatThrownBy(() -> send(connector.serviceUrl(), conversation)).cause()
                    .isInstanceOf(ErrorResponseException.class);
            assertThat(connector.sentTo(conversation)).as("status %d", status).hasSize(1);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void aConnectionThatCouldNotBeOpenedIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> send("http://127.0.0.1:" + closedPort + "/", "a:nobody")).hasRootCauseInstanceOf(
                ConnectException.class);
        assertThat(waits).hasSize(SETTINGS.maxAttempts() - 1);
    }

    private ResourceResponse send(String serviceUrl, String conversationId) throws Exception {
        RestConnectorClient client = clients.create(serviceUrl, MicrosoftAppCredentials.empty());
        Activity message = MessageFactory.text("hello");
        message.setConversation(new ConversationAccount(conversationId));
        return client.getConversations().sendToConversation(message).get();
    }
}
