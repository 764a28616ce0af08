package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.UnifiedJedis;

/**
 * The app refuses to start rather than silently reset or double a round's totals: a round whose
 * metadata were lost, a changed respondent-token key, a Redis that may evict keys.
 */
class StartUpChecksIntegrationTests {

    static final String OTHER_TOKEN_KEY = "a-different-token-key-of-32-characters";

    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClass();
    @TempDir
    static Path folder;
    static UnifiedJedis redis;

    @BeforeAll
    static void client() {
        redis = server.client();
    }

    @AfterEach
    void defaults() {
        redis.configSet("maxmemory-policy", "noeviction");
    }

    @Test
    void aRoundWhoseMetadataWereLostOrWhoseTokenKeyChangedStopsStartUp() {
        String round = "guarded";
        instance(round, TestKeys.TOKEN).close();

        assertThatThrownBy(() -> instance(round, OTHER_TOKEN_KEY).close())
                .hasStackTraceContaining("Round " + round + " was opened with another respondent-token key");

        redis.hset("signpost:agg:{" + round + "}:all", "responses", "7");
        redis.del("signpost:agg:{" + round + "}:meta");
        assertThatThrownBy(() -> instance(round, TestKeys.TOKEN).close())
                .hasStackTraceContaining("Round " + round + " has counters or respondent tokens in Redis but no metadata");
        assertThat(redis.exists("signpost:agg:{" + round + "}:meta")).as("not reopened").isFalse();
        assertThat(redis.hget("signpost:agg:{" + round + "}:all", "responses")).isEqualTo("7");
    }

    @Test
    void aRedisThatMayEvictKeysStopsStartUp() {
        redis.configSet("maxmemory-policy", "allkeys-lru");
        assertThatThrownBy(() -> instance("eviction", TestKeys.TOKEN).close())
                .hasStackTraceContaining("maxmemory-policy is allkeys-lru");
        assertThat(redis.exists("signpost:agg:{eviction}:meta")).isFalse();
    }

    private static ConfigurableApplicationContext instance(String round, String tokenKey, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--signpost.redis.url=redis://:" + server.server().password() + "@127.0.0.1:" + server.server().port(),
                "--signpost.redis.data-folder=" + folder.resolve("unused"),
                "--signpost.keys.sealing-key=" + TestKeys.SEALING,
                "--signpost.survey.token-secret=" + tokenKey,
                "--signpost.survey.rounds[0].id=" + round,
                "--signpost.survey.rounds[0].survey=staff-survey"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }
}
