package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.RedisProcesses;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.redis.Durability;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A submission is "counted" only once a replica has it: with a live replica it is; with the replica
 * stopped, WAIT times out and the person hears "may not have been saved", and the retry finds the token.
 */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class ReplicatedSubmitIntegrationTests {

    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final CounterLayout.Submission INCREMENTS = CounterLayout.submission(SURVEY, Map.of());

    @TempDir
    static Path folder;
    static RedisProcesses redis;
    static Server master;
    static Server replica;
    static UnifiedJedis client;

    @BeforeAll
    static void start() {
        redis = new RedisProcesses(folder);
        master = redis.redis("master");
        replica = redis.redis("replica", "replicaof 127.0.0.1 " + master.port());
        client = master.admin();
        try (UnifiedJedis onReplica = replica.admin()) {
            RedisProcesses.await(() -> onReplica.info("replication").contains("master_link_status:up"), "the replica");
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        redis.close();
    }

    @Test
    void countedOnlyOnceAReplicaHasIt() {
        // a live replica's acknowledgement comes in well under a millisecond, but a loaded machine may not run the
        // replica for a while: WAIT returns as soon as it acknowledges, so a generous bound costs nothing here
        try (UnifiedJedis patient = RedisClient.builder().hostAndPort(master.address())
                .clientConfig(DefaultJedisClientConfig.builder().password(RedisProcesses.ADMIN_PASSWORD)
                        .socketTimeoutMillis(40_000).build()).build()) {
            RedisSurveyStore store = SurveyStores.store(patient, "w:", 5,
                    new Durability(patient, 1, Duration.ofSeconds(30)));
            store.open(new SurveyRound("r", SURVEY));
            assertThat(store.submit("r", "token-1", INCREMENTS, "c1")).isEqualTo(Outcome.COUNTED);
        }

        replica.kill();
        RedisProcesses.await(() -> client.info("replication").contains("connected_slaves:0"), "the replica gone");
        // no replica is left to acknowledge, so WAIT runs its whole bound whatever the machine's speed: a short one
        RedisSurveyStore store = SurveyStores.store(client, "w:", 5, new Durability(client, 1, Duration.ofMillis(500)));
        assertThat(store.submit("r", "token-2", INCREMENTS, "c2")).as("no replica confirmed it")
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(store.submit("r", "token-2", INCREMENTS, "c2")).as("the retry").isEqualTo(Outcome.ALREADY_COUNTED);
        assertThat(client.hget("w:agg:{r}:all", "responses")).isEqualTo("2");
    }
}
