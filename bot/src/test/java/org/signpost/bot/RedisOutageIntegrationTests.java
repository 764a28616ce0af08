package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * Redis goes away while people talk to the bot: down (connections cut, new ones refused) or frozen (a
 * stopped process: connections open, nothing answered). Every turn still gets an answer that says nothing
 * was done, with the support line; a submission is never half counted; and once Redis is back the same
 * instance serves again by itself. How long the answers took is printed (the load harness measures it
 * under load); what they say is asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageIntegrationTests {

    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final Path folder = TestRedis.tempFolder("signpost-outage");
    static final EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("redis"));
    static final RedisFaultProxy proxy = new RedisFaultProxy(server.port());
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.url", () -> "redis://:" + server.password() + "@127.0.0.1:" + proxy.port());
        registry.add("signpost.redis.data-folder", () -> folder.resolve("app").toString());
        TestKeys.register(registry);
    }

    @AfterEach
    void redisBack() {
        proxy.down(false);
        proxy.frozen(false);
    }

    @AfterAll
    static void stop() {
        connector.close();
        proxy.close();
        server.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    /** The check the recovery waits for runs every second over every idle connection, not Jedis's 3 each 30 s. */
    @Test
    void thePoolChecksEveryIdleConnectionEachSecond() {
        Pool<Connection> pool = PooledConnections.of(redis);
        assertThat(pool.getTestWhileIdle()).isTrue();
        assertThat(pool.getDurationBetweenEvictionRuns()).isEqualTo(Duration.ofSeconds(1));
        assertThat(pool.getNumTestsPerEvictionRun()).isEqualTo(-1);
    }

    @Test
    void redisDownEveryTurnApologisesWithTheSupportLineAndTheInstanceRecoversByItself() {
        outageThenRecovery("down", () -> proxy.down(true), () -> proxy.down(false));
    }

    @Test
    void redisFrozenEveryTurnApologisesWithTheSupportLineAndTheInstanceRecoversByItself() {
        outageThenRecovery("frozen", () -> proxy.frozen(true), () -> proxy.frozen(false));
    }

    private void outageThenRecovery(String how, Runnable outage, Runnable recovery) {
        Endpoint endpoint = new Endpoint(port);
        String chat = "a:outage-chat-" + how;
        String surveyChat = "a:outage-survey-" + how;
        Activities person = new Activities(connector.serviceUrl(), "29:outage-" + how, "Someone", "aad-outage-" + how);
        Activities respondent = new Activities(connector.serviceUrl(), "29:outage-r-" + how, "Someone",
                "aad-outage-r-" + how);
        assertThat(endpoint.post(person.message(chat, "hello")).statusCode()).isEqualTo(200);
        Map<String, String> answers = SurveyTally.randomAnswers(new Random(how.hashCode()));
        SurveyRespondent surveyor = new SurveyRespondent(endpoint, respondent, surveyChat);
        surveyor.prepare("trial", SurveyTally.SURVEY, answers);
        long before = responses();
        // connections left idle by a busier moment: the outage's few turns do not use them all up, so the ones they
        // leave dead are there for the pool's check to find
        idleConnections(8);

        outage.run();
        long started = System.nanoTime();
        assertThat(endpoint.post(person.message(chat, "what do you keep about me")).statusCode()).isEqualTo(200);
        long typed = System.nanoTime();
        assertThat(surveyor.submit("trial")).isEqualTo(200);
        long submitted = System.nanoTime();
        System.out.printf("Redis %s: a typed turn answered in %d ms, a submission in %d ms%n", how,
                (typed - started) / 1_000_000, (submitted - typed) / 1_000_000);

        assertThat(last(chat)).isEqualTo(WORDING.text("error.apology"));
        assertThat(last(surveyChat)).satisfiesAnyOf(
                text -> assertThat(text).isEqualTo(WORDING.text("error.apology")),
                text -> assertThat(text).contains(WORDING.text("survey.notSaved")),
                text -> assertThat(text).contains(WORDING.text("survey.maybeSaved")));

        // every connection made before Redis came back died with the outage (cut, or cut on thawing), and none made
        // during it got into the pool: once the pool's own check has dropped them, no turn meets one (a turn before
        // that may still, and gets the apology like any turn during the outage)
        long cutoff = System.currentTimeMillis();
        recovery.run();
        PooledConnections.awaitNoneMadeBefore(redis, cutoff);
        for (int i = 0; i < 5; i++) {
            String newcomer = chat + "-after-" + i;
            assertThat(endpoint.post(person.message(newcomer, "hello")).statusCode()).isEqualTo(200);
            assertThat(texts(newcomer)).doesNotContain(WORDING.text("error.apology"));
        }
        assertThat(endpoint.post(person.message(chat, "what do you keep about me")).statusCode()).isEqualTo(200);
        assertThat(last(chat)).isNotEqualTo(WORDING.text("error.apology"));
        // the answers were kept (or counted whole); submitting again counts them once
        assertThat(surveyor.submit("trial")).isEqualTo(200);
        assertThat(responses()).isEqualTo(before + 1);
        assertThat(texts(surveyChat)).containsAnyOf(
                WORDING.text("survey.receipt", Map.of("count", Integer.toString(answers.size()))),
                WORDING.text("survey.alreadyCounted"));
    }

    private void idleConnections(int count) {
        Pool<Connection> pool = PooledConnections.of(redis);
        List<Connection> borrowed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            borrowed.add(pool.getResource());
        }
        borrowed.forEach(Connection::close);
        // idle, or borrowed for a moment by the app's background work
        assertThat(pool.getNumIdle() + pool.getNumActive()).isGreaterThanOrEqualTo(count);
    }

    private String last(String conversation) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        FakeConnector.Sent last = sent.get(sent.size() - 1);
        return last.isCard() ? last.cardText() : last.text();
    }

    private List<String> texts(String conversation) {
        return connector.sentTo(conversation).stream().map(FakeConnector.Sent::text).toList();
    }

    private long responses() {
        try (UnifiedJedis redis = TestRedis.client(server)) {
            return Long.parseLong(redis.hget("signpost:agg:{trial}:all", "responses"));
        }
    }
}
