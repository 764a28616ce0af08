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
import redis.clients.jedis.UnifiedJedis;

/**
 * A submission is "counted" only once a replica has it: with a live replica it is; with the replica
 * stopped, WAIT times out and the person hears "may not have been saved", and the retry finds the token.
 */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class ReplicatedSubmitIntegrationTests {

    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");

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
        RedisSurveyStore store = SurveyStores.store(client, "w:", 5, new Durability(client, 1, Duration.ofMillis(500)));
        store.open(new SurveyRound("r", SURVEY));
        CounterLayout.Submission increments = CounterLayout.submission(SURVEY, Map.of());

        assertThat(store.submit("r", "token-1", increments, "c1")).isEqualTo(Outcome.COUNTED);

        replica.kill();
        RedisProcesses.await(() -> client.info("replication").contains("connected_slaves:0"), "the replica gone");
        assertThat(store.submit("r", "token-2", increments, "c2")).as("no replica confirmed it")
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(store.submit("r", "token-2", increments, "c2")).as("the retry").isEqualTo(Outcome.ALREADY_COUNTED);
        assertThat(client.hget("w:agg:{r}:all", "responses")).isEqualTo("2");
    }
}
