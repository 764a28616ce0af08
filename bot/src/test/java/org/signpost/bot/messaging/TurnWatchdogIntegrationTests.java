package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.TestRedis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A turn runs on its request's own thread, so when it is still going at the request timeout (here: stuck on a
 * connector that does not answer) the bot's watchdog answers from another thread: 503, the whole answer sent while
 * the turn is still in the connector, and the connection closed once the turn ends. A local trial, real HTTP on
 * loopback, the embedded Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TurnWatchdogIntegrationTests {

    static final Path work = TestRedis.tempFolder("signpost-watchdog");
    static final SaturatedTurnsIntegrationTests.StallingConnector connector =
            new SaturatedTurnsIntegrationTests.StallingConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
        registry.add("signpost.turns.request-timeout", () -> "1s");
        // the stuck send outlives the request by far: only the watchdog can answer it
        registry.add("signpost.connector.read-timeout", () -> "60s");
        registry.add("signpost.connector.call-timeout", () -> "60s");
        registry.add("signpost.connector.max-attempts", () -> "1");
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aTurnStillGoingAtTheRequestTimeoutIsAnswered503AndItsConnectionClosedOnceTheTurnEnds() throws Exception {
        Activities person = new Activities(connector.serviceUrl(), "29:watched-user", "Watched", "aad-watched");
        byte[] body = person.message("a:watched", "hello").toString().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // bounds the test if nothing answers; a kept-alive request, as the channel sends them
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + MessagesEndpoint.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();

            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = headers(in);
            String answer = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))),
                    StandardCharsets.UTF_8);

            assertThat(statusLine).startsWith("HTTP/1.1 503");
            assertThat(answer).isEqualTo("The activity took too long; try again.");
            assertThat(headers).containsEntry("connection", "close").doesNotContainKey("retry-after");
            assertThat(connector.stuck()).as("answered while the turn was still in the connector").isEqualTo(1);

            connector.release();
            assertThat(in.read()).as("the connection is closed once the turn has ended").isEqualTo(-1);
        }

        assertThat(new Endpoint(port).post(person.message("a:watched-after", "hello")).statusCode())
                .as("the bot answers again once the connector does").isEqualTo(200);
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
