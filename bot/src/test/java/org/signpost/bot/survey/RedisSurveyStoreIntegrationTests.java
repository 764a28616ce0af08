package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyProgress;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The survey store against a real (embedded) Redis. */
class RedisSurveyStoreIntegrationTests {

    @TempDir
    static Path data;
    static EmbeddedRedis server;
    static UnifiedJedis redis;

    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    private final RedisSurveyStore store = new RedisSurveyStore(redis, "t:", 5, Duration.ofHours(4));

    @BeforeAll
    static void startRedis() {
        server = EmbeddedRedis.start(data);
        redis = TestRedis.client(server);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    @Test
    void openingCreatesEveryCounterAtZeroInDefinitionOrder() {
        SurveyRound round = new SurveyRound("r1", SURVEY);
        assertThat(store.open(round)).isEqualTo(RedisSurveyStore.Opened.OPENED);

        Map<String, List<String>> layout = CounterLayout.allFields(SURVEY);
        assertThat(redis.keys("t:agg:{r1}:*")).hasSize(layout.size() + 1);
        layout.forEach((hash, fields) -> {
            // small hashes keep insertion order, which must then be the definition's, not the first answers'
            assertThat(fieldsInRedisOrder(store.hash("r1", hash))).as(hash).containsExactlyElementsOf(fields);
            assertThat(redis.hgetAll(store.hash("r1", hash)).values()).containsOnly("0");
        });
        assertThat(layout.get("by:role:manager")).as("no joint groupings").noneMatch(f -> f.startsWith("area:")
                || f.startsWith("role:") || f.startsWith("age:") || f.startsWith("gender:"));
        assertThat(store.open(round)).isEqualTo(RedisSurveyStore.Opened.ALREADY_OPEN);
    }

    @Test
    void fieldOrderDoesNotDependOnWhoAnsweredFirst() {
        store.open(new SurveyRound("r1", SURVEY));
        store.open(new SurveyRound("r2", SURVEY));
        Map<String, String> first = Map.of("workload", "agree", "role", "manager");
        Map<String, String> second = Map.of("open-culture", "disagree", "role", "not-manager");
        store.submit("r1", "a".repeat(64), CounterLayout.increments(SURVEY, first), "c/1");
        store.submit("r1", "b".repeat(64), CounterLayout.increments(SURVEY, second), "c/2");
        store.submit("r2", "b".repeat(64), CounterLayout.increments(SURVEY, second), "c/2");
        store.submit("r2", "a".repeat(64), CounterLayout.increments(SURVEY, first), "c/1");

        for (String hash : CounterLayout.allFields(SURVEY).keySet()) {
            assertThat(fieldsInRedisOrder(store.hash("r1", hash))).as(hash)
                    .containsExactlyElementsOf(fieldsInRedisOrder(store.hash("r2", hash)))
                    .containsExactlyElementsOf(CounterLayout.allFields(SURVEY).get(hash));
            assertThat(redis.hgetAll(store.hash("r1", hash))).isEqualTo(redis.hgetAll(store.hash("r2", hash)));
        }
    }

    /** HKEYS as Redis orders it (Jedis's map of HGETALL does not keep the order). */
    static List<String> fieldsInRedisOrder(String key) {
        List<String> fields = new ArrayList<>();
        for (Object field : (List<?>) redis.sendCommand(Protocol.Command.HKEYS, key)) {
            fields.add(new String((byte[]) field, StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void aChangedSurveyOrAClosedRoundIsNeverOpenedAgain() {
        store.open(new SurveyRound("r1", SURVEY));
        SurveyDefinition edited = new SurveyDefinition(SURVEY.id(), SURVEY.title(),
                SURVEY.questions().subList(1, SURVEY.size()));
        assertThat(store.open(new SurveyRound("r1", edited))).isEqualTo(RedisSurveyStore.Opened.SURVEY_CHANGED);

        store.submit("r1", "a".repeat(64), CounterLayout.increments(SURVEY, Map.of("workload", "agree")), "c/1");
        store.close("r1");
        assertThat(redis.exists(store.tokens("r1"))).isFalse();
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
        assertThat(store.open(new SurveyRound("r1", SURVEY))).isEqualTo(RedisSurveyStore.Opened.CLOSED);
        assertThat(store.submit("r1", "b".repeat(64), CounterLayout.increments(SURVEY, Map.of("workload", "agree")),
                "c/2")).isEqualTo(Outcome.ROUND_CLOSED);
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
    }

    @Test
    void aSubmissionCountsOnceEvenWhenManyArriveAtOnceAndDeletesTheAnswersInProgress() throws Exception {
        store.open(new SurveyRound("r1", SURVEY));
        store.save("msteams/a:1", new SurveyProgress("r1", SURVEY.size(), Map.of("workload", "agree")));
        Map<String, List<String>> increments = CounterLayout.increments(SURVEY,
                Map.of("workload", "agree", "role", "manager", "area", "frontline"));

        List<Callable<Outcome>> clicks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clicks.add(() -> store.submit("r1", "c".repeat(64), increments, "msteams/a:1"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Future<Outcome> outcome : pool.invokeAll(clicks)) {
                outcomes.add(outcome.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(outcomes).containsOnlyOnce(Outcome.COUNTED).containsOnly(Outcome.COUNTED, Outcome.ALREADY_COUNTED);
        assertThat(redis.hget(store.hash("r1", "all"), "responses")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:role:manager"), "workload:agree")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:area:frontline"), "responses")).isEqualTo("1");
        assertThat(store.load("r1", "msteams/a:1")).isEmpty();
    }

    @Test
    void whenRedisCannotBeReachedNothingWasSentSoNothingWasSaved() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (UnifiedJedis unreachable = RedisClient.create("127.0.0.1", closedPort)) {
            RedisSurveyStore offline = new RedisSurveyStore(unreachable, "t:", 5, Duration.ofHours(4));
            assertThat(offline.submit("r1", "e".repeat(64), CounterLayout.increments(SURVEY, Map.of()), "c/1"))
                    .isEqualTo(Outcome.NOT_SAVED);
        }
    }

    @Test
    void aForgedCounterChangesNothing() {
        store.open(new SurveyRound("r1", SURVEY));
        Map<String, List<String>> forged = Map.of("all", List.of("responses", "workload:agree", "invented:field"));
        assertThatThrownBy(() -> store.submit("r1", "d".repeat(64), forged, "c/1"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(redis.hget(store.hash("r1", "all"), "responses")).isEqualTo("0");
        assertThat(redis.hexists(store.hash("r1", "all"), "invented:field")).isFalse();
        assertThat(redis.exists(store.tokens("r1"))).isFalse();
    }

    @Test
    void progressLivesUnderTheRoundWithAShortTtl() {
        store.save("msteams/a:1", new SurveyProgress("r1", 2, Map.of("workload", "agree", "training", "")));
        assertThat(store.load("r1", "msteams/a:1")).contains(
                new SurveyProgress("r1", 2, Map.of("workload", "agree", "training", "")));
        assertThat(store.load("r2", "msteams/a:1")).isEmpty();
        assertThat(redis.pttl("t:progress:{r1}:msteams/a:1")).isPositive()
                .isLessThanOrEqualTo(Duration.ofHours(4).toMillis());
        store.delete("r1", "msteams/a:1");
        assertThat(store.load("r1", "msteams/a:1")).isEmpty();
    }
}
