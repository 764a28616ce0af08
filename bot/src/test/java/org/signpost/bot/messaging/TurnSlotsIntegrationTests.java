package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.TestRedis;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Turns run on Tomcat's request threads, so the bot keeps its own count of them: one running and one waiting
 * for it here, with Tomcat given four threads; a request beyond that gets 503 with Retry-After at once, while
 * those two are still unanswered, and a web page is still served beside them. A local trial, real HTTP on
 * loopback, the embedded Redis, a connector that holds every send until released.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TurnSlotsIntegrationTests {

    static final Path work = TestRedis.tempFolder("signpost-turn-slots");
    static final SaturatedTurnsIntegrationTests.StallingConnector connector =
            new SaturatedTurnsIntegrationTests.StallingConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
        registry.add("signpost.turns.threads", () -> "1");
        registry.add("signpost.turns.queue", () -> "1");
        // longer than this test takes to look: no request here is meant to reach it
        registry.add("signpost.turns.request-timeout", () -> "25s");
        registry.add("server.tomcat.threads.max", () -> "4");
        registry.add("server.tomcat.threads.min-spare", () -> "1");
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

    @Autowired
    MeterRegistry registry;

    @Test
    void beyondTheSlotsAndThePlacesToWaitARequestIsRefusedAtOnceAndPagesStillHaveThreads() throws Exception {
        Endpoint endpoint = new Endpoint(port);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> running = clients.submit(() -> endpoint.post(message("a:slots-running")));
            awaitTrue(() -> connector.stuck() == 1);
            Future<HttpResponse<String>> waiting = clients.submit(() -> endpoint.post(message("a:slots-waiting")));
            awaitTrue(() -> gauge("signpost.turns.waiting") == 1);
            assertThat(gauge("signpost.turns.active")).isEqualTo(1);

            for (String chat : new String[] {"a:slots-refused-1", "a:slots-refused-2"}) {
                HttpResponse<String> refused = endpoint.post(message(chat));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                assertThat(refused.body()).isEqualTo("Busy; try again shortly.");
            }
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hr/sign-in"))
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("a page is served beside the turns").isEqualTo(200);
            assertThat(running.isDone() || waiting.isDone()).as("both turns still in flight meanwhile").isFalse();

            connector.release();
            assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).as("the waiting turn ran").isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void settingsThatCouldTakeEveryRequestThreadAreRefused() {
        TurnSettings settings = new TurnSettings(64, 136, Duration.ofSeconds(10));

        assertThatThrownBy(() -> settings.checkBelow(200)).hasMessageContaining("server.tomcat.threads.max (200)");
        settings.checkBelow(201);
    }

    private String message(String chat) {
        return new Activities(connector.serviceUrl(), "29:" + chat, "Slots", "aad-" + chat)
                .message(chat, "hello").toString();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        for (int waited = 0; !condition.getAsBoolean() && waited < 300; waited++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
