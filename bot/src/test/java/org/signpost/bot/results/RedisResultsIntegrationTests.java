package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Option;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyDefinition.Type;
import redis.clients.jedis.UnifiedJedis;

/**
 * Snapshots in a real Redis: none before k responses, a new one only after k more, and two instances
 * reading at the same moment release one snapshot, not two. Counters are written as the survey's submit
 * would leave them.
 */
class RedisResultsIntegrationTests {

    static final int K = 10;
    static final SurveyDefinition SURVEY = new SurveyDefinition("pulse", Map.of("en-GB", "Pulse"), List.of(
            new Question("workload", Type.LIKERT, true, false, Map.of("en-GB", "Workload"), List.of()),
            new Question("role", Type.GROUPING, true, false, Map.of("en-GB", "Role"), List.of(
                    new Option("manager", Map.of("en-GB", "Manager")), new Option("other", Map.of("en-GB", "Other"))))));

    @RegisterExtension
    static final TestRedis.PerClass redis = TestRedis.perClass();

    @Test
    void nothingBeforeKThenANewSnapshotOnlyAfterKMore() {
        RedisResults results = new RedisResults(redis.client(), "t1:");
        open(redis.client(), "t1:", "r1");
        respond(redis.client(), "t1:", "r1", 9);
        assertThat(results.latest("r1", SURVEY, K, Instant.ofEpochMilli(1000))).isEmpty();
        assertThat(redis.client().exists("t1:snap:{r1}:meta")).isFalse();

        respond(redis.client(), "t1:", "r1", 1);
        RedisResults.Snapshot first = results.latest("r1", SURVEY, K, Instant.ofEpochMilli(2000)).orElseThrow();
        assertThat(first.counts().responses()).isEqualTo(10);
        assertThat(first.taken()).isEqualTo(Instant.ofEpochMilli(2000));

        respond(redis.client(), "t1:", "r1", 1);
        RedisResults.Snapshot second = results.latest("r1", SURVEY, K, Instant.ofEpochMilli(3000)).orElseThrow();
        assertThat(second).as("one new response changes nothing").isEqualTo(first);

        respond(redis.client(), "t1:", "r1", 9);
        RedisResults.Snapshot third = results.latest("r1", SURVEY, K, Instant.ofEpochMilli(4000)).orElseThrow();
        assertThat(third.counts().responses()).isEqualTo(20);
        assertThat(third.counts().count("all", "workload:agree")).isEqualTo(20);
        assertThat(third.counts().count("by:role:manager", "workload:agree")).isEqualTo(20);
    }

    @Test
    void twoInstancesReadingAtOnceReleaseOneSnapshot() throws Exception {
        open(redis.client(), "t2:", "r2");
        respond(redis.client(), "t2:", "r2", 25);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<RedisResults.Snapshot>>> reads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                long at = 5000 + i;
                // every reader its own client, as separate instances have
                Callable<Optional<RedisResults.Snapshot>> read = () -> {
                    try (UnifiedJedis own = TestRedis.client(redis.server())) {
                        return new RedisResults(own, "t2:").latest("r2", SURVEY, K, Instant.ofEpochMilli(at));
                    }
                };
                reads.add(pool.submit(read));
            }
            List<Instant> taken = new ArrayList<>();
            for (Future<Optional<RedisResults.Snapshot>> read : reads) {
                taken.add(read.get().orElseThrow().taken());
            }
            assertThat(taken).as("every reader saw the one snapshot released").containsOnly(taken.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    static void open(UnifiedJedis redis, String prefix, String round) {
        CounterLayout.allFields(SURVEY).forEach((hash, fields) ->
                fields.forEach(field -> redis.hset(prefix + "agg:{" + round + "}:" + hash, field, "0")));
        redis.hset(prefix + "agg:{" + round + "}:meta", Map.of("state", "open"));
    }

    static void respond(UnifiedJedis redis, String prefix, String round, int people) {
        for (int i = 0; i < people; i++) {
            CounterLayout.increments(SURVEY, Map.of("workload", "agree", "role", "manager")).forEach((hash, fields) ->
                    fields.forEach(field -> redis.hincrBy(prefix + "agg:{" + round + "}:" + hash, field, 1)));
        }
    }
}
