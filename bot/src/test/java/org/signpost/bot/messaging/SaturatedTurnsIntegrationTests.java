package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every request gets an answer in its promised time, even when every turn thread is stuck on a connector that
 * never answers and the queue is full: the turn in hand and the one queued get 503 at the request timeout,
 * the rest 503 at once (with Retry-After), none is left for the channel's own timeout; once the connector
 * answers again, so does the bot. Production path: an app id and signed channel tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SaturatedTurnsIntegrationTests {

    static final String APP_ID = "00000000-0000-0000-0000-00000000a514";
    static final Path work = TestRedis.tempFolder("signpost-saturated");
    static final LocalIdentityProvider identity = LocalIdentityProvider.start(work);
    static final StallingConnector connector = new StallingConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        identity.registerSingleTenantApp(registry, APP_ID, "tenant-1");
        TestKeys.register(registry);
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
        registry.add("signpost.turns.threads", () -> "1");
        registry.add("signpost.turns.queue", () -> "1");
        registry.add("signpost.turns.request-timeout", () -> "2s");
        // the stuck send outlives the request by far: only the bot's own request timeout can answer it
        registry.add("signpost.connector.read-timeout", () -> "60s");
        registry.add("signpost.connector.call-timeout", () -> "60s");
        registry.add("signpost.connector.max-attempts", () -> "1");
    }

    @AfterAll
    static void stop() {
        connector.close();
        identity.close();
    }

    @LocalServerPort
    int port;

    @Test
    void everyRequestIsAnsweredWhenTheTurnThreadsAreStuckAndTheQueueIsFull() throws Exception {
        String token = "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
        Endpoint endpoint = new Endpoint(port);
        int requests = 6;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = activities().message("a:saturated-" + i, "hello").toString();
                answers.add(clients.submit(() -> endpoint.post(body, token)));
            }
            List<Integer> statuses = new ArrayList<>();
            int busy = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                // Endpoint's own request timeout (30 s) fails the future if the bot never answers
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.headers().firstValue("Retry-After").isPresent()) {
                    busy++;
                }
            }
            assertThat(statuses).as("every request answered, none lost").hasSize(requests).containsOnly(503);
            assertThat(busy).as("refused at once: no thread and no place in the queue").isPositive();
            // the turn in hand goes on after its 503; on a slow machine it may reach the connector only after that
            for (int waited = 0; connector.stuck() == 0 && waited < 300; waited++) {
                Thread.sleep(100);
            }
            assertThat(connector.stuck()).as("the turn in hand reached the connector").isPositive();
        } finally {
            clients.shutdownNow();
        }

        connector.release();
        String body = activities().message("a:saturated-after", "hello").toString();
        int after = 0;
        for (int attempt = 0; attempt < 50 && after != 200; attempt++) {
            after = endpoint.post(body, token).statusCode();
            if (after != 200) {
                Thread.sleep(200);
            }
        }
        assertThat(after).as("the bot answers again once the connector does").isEqualTo(200);
    }

    private static Activities activities() {
        return new Activities(connector.serviceUrl(), "29:saturated-user", "Saturated", "aad-saturated");
    }

    /** A connector that holds every send unanswered until released, then answers at once. */
    static final class StallingConnector implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile int stuck;

        StallingConnector() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                stuck++;
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] answer = "{\"id\":\"sent\"}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String serviceUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        int stuck() {
            return stuck;
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
