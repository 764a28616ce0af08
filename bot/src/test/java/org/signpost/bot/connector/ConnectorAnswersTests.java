package org.signpost.bot.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connector answers a post, read over real HTTP on loopback: the new activity's id whatever the
 * Content-Type says of its charset, none from an empty or blank body; and each post goes to the path of its
 * own service URL and conversation, as a URL parsed afresh for each post would give.
 */
class ConnectorAnswersTests {

    /** What the connector answers, by conversation id: a Content-Type (or none) and a body. */
    private static final Map<String, List<String>> ANSWERS = Map.of(
            "a:json", List.of("application/json; charset=utf-8", "{\"id\":\"1:sent-é\"}"),
            "a:no-charset", List.of("application/json", "{\"id\":\"2:sent\"}"),
            "a:empty", List.of("", ""),
            "a:blank", List.of("application/json", " \r\n "));

    private final AtomicReference<String> lastPath = new AtomicReference<>();
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final HttpServer server = start();
    private final String base = "http://127.0.0.1:" + server.getAddress().getPort();
    private final ConnectorClients clients = new ConnectorClients(new ConnectorSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(8), 4, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            RetryInterceptor.realTime(RetryPolicy.none()));

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", exchange -> {
                lastPath.set(exchange.getRequestURI().getRawPath());
                lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String[] segments = exchange.getRequestURI().getPath().split("/");
                List<String> answer = ANSWERS.getOrDefault(segments[segments.length - 2], List.of("", ""));
                if (!answer.get(0).isEmpty()) {
                    exchange.getResponseHeaders().set("Content-Type", answer.get(0));
                }
                byte[] body = answer.get(1).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop(0);
    }

    @Test
    void theNewActivitysIdIsReadFromTheAnswerAndAnEmptyOrBlankAnswerGivesNone() throws Exception {
        assertThat(send(base + "/", "a:json", null).getId()).isEqualTo("1:sent-é");
        assertThat(send(base + "/", "a:no-charset", null).getId()).isEqualTo("2:sent");
        assertThat(send(base + "/", "a:empty", null).getId()).isEmpty();
        assertThat(send(base + "/", "a:blank", null).getId()).isEmpty();
    }

    @Test
    void theIdIsReadAsTheAnswersTreeWouldGiveIt() throws Exception {
        for (String answer : List.of("{\"id\":\"1:sent\"}", "{\"activity\":{\"id\":\"inner\"},\"list\":[{\"id\":1}],"
                + "\"id\":\"outer\",\"after\":{\"id\":\"x\"}}", "{\"id\":\"first\",\"id\":\"last\"}", "{\"id\":12}",
                "{\"id\":1.50}", "{\"id\":true}", "{\"id\":null}", "{\"id\":{\"id\":\"x\"}}", "{\"id\":[\"x\"]}",
                "{\"other\":\"x\"}", "{}", "[{\"id\":\"x\"}]", "\"id\"", "12", "null", "", " \r\n ",
                "{\"id\":\"é 😀 \\u00e9\"}", "\uFEFF{\"id\":\"bom\"}")) {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            JsonNode tree = ConnectorClients.WIRE.readTree(body);
            JsonNode id = tree == null || tree.isMissingNode() ? null : tree.get("id");
            assertThat(ConnectorAnswers.idOf(body)).as(answer).isEqualTo(id == null ? "" : id.asText());
        }
    }

    @Test
    void eachPostGoesToItsOwnServiceUrlAndConversation() throws Exception {
        for (String serviceUrl : List.of(base + "/emea/", base + "/amer", base + "/emea/")) {
            for (String conversation : List.of("a:json", "19:x@thread.v2;messageid=1", "a:ünïcode 1")) {
                for (String replyTo : Arrays.asList(null, "1700000000000")) {
                    send(serviceUrl, conversation, replyTo);
                    HttpUrl.Builder fresh = HttpUrl.get(serviceUrl).newBuilder().addPathSegments("v3/conversations")
                            .addPathSegment(conversation).addPathSegment("activities");
                    if (replyTo != null) {
                        fresh.addPathSegment(replyTo);
                    }
                    assertThat(lastPath.get()).as("%s %s %s", serviceUrl, conversation, replyTo)
                            .isEqualTo(fresh.build().encodedPath());
                }
            }
        }
    }

    @Test
    void eachPostSendsItsOwnActivityAsTheSdkWritesItWhateverItsSize() throws Exception {
        // long, short, longer than a kept buffer, short again: nothing of an earlier post is sent with a later one
        for (String text : List.of("x".repeat(20_000), "hi", "ü😀".repeat(40_000), "", "hello again")) {
            Activity message = MessageFactory.text(text);
            message.setConversation(new ConversationAccount("a:json"));
            clients.send(base + "/", MicrosoftAppCredentials.empty(), message);

            assertThat(lastBody.get()).isEqualTo(Serialization.toString(message));
        }
    }

    private ResourceResponse send(String serviceUrl, String conversation, String replyTo) throws Exception {
        Activity message = MessageFactory.text("hello");
        message.setConversation(new ConversationAccount(conversation));
        message.setReplyToId(replyTo);
        return clients.send(serviceUrl, MicrosoftAppCredentials.empty(), message);
    }
}
