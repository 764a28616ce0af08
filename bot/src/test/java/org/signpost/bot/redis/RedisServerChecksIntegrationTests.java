package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** What the app checks of a Redis server before trusting it with totals (the app-level refusals are in StartUpChecksIntegrationTests). */
@ExtendWith(OutputCaptureExtension.class)
class RedisServerChecksIntegrationTests {

    @RegisterExtension
    static final TestRedis.PerClass SERVER = TestRedis.perClass();
    static UnifiedJedis redis;

    @BeforeAll
    static void client() {
        redis = SERVER.client();
    }

    @AfterEach
    void defaults() {
        redis.configSet("maxmemory-policy", "noeviction");
        redis.configSet("notify-keyspace-events", "");
    }

    @Test
    void theEmbeddedRedisNeverEvictsAndSendsNoKeyspaceNotifications(CapturedOutput output) {
        RedisServerChecks.verify(redis, false);
        // the checks' own lines only: other test classes' cached contexts, their Redis servers stopped, log
        // warnings of their own now and then, and one could fall in this test
        assertThat(output.getAll().lines().filter(line -> line.contains(RedisServerChecks.class.getSimpleName())))
                .noneMatch(line -> line.contains("WARN"));
    }

    @Test
    void anEvictingPolicyIsRefusedUnlessAcceptedAndThenWarnedAbout(CapturedOutput output) {
        redis.configSet("maxmemory-policy", "volatile-lfu");
        assertThatThrownBy(() -> RedisServerChecks.verify(redis, false))
                .hasMessageContaining("maxmemory-policy is volatile-lfu").hasMessageContaining("noeviction");
        RedisServerChecks.verify(redis, true);
        assertThat(output.getAll()).contains("WARN").contains("maxmemory-policy is volatile-lfu");
    }

    @Test
    void anAppUserWithoutConfigIsCheckedThroughInfo(CapturedOutput output) {
        redis.sendCommand(Protocol.Command.ACL, "SETUSER", "app", "on", ">app-password", "~*", "&*", "+@all",
                "-@dangerous", "+info");
        redis.configSet("maxmemory-policy", "allkeys-lru");
        try (UnifiedJedis app = as("app", "app-password")) {
            assertThatThrownBy(() -> RedisServerChecks.verify(app, false))
                    .hasMessageContaining("maxmemory-policy is allkeys-lru");
            redis.configSet("maxmemory-policy", "noeviction");
            RedisServerChecks.verify(app, false);
        }
        assertThat(output.getAll()).contains("Could not read Redis's notify-keyspace-events");
    }

    @Test
    void aServerThatHidesItsPolicyIsRefusedUnlessAcceptedAndThenWarnedAbout(CapturedOutput output) {
        redis.sendCommand(Protocol.Command.ACL, "SETUSER", "managed", "on", ">managed-password", "~*", "&*", "+@all",
                "-config", "-info");
        try (UnifiedJedis managed = as("managed", "managed-password")) {
            assertThatThrownBy(() -> RedisServerChecks.verify(managed, false))
                    .hasMessageContaining("SIGNPOST_REDIS_ACCEPT_EVICTION_POLICY=true");
            RedisServerChecks.verify(managed, true);
        }
        assertThat(output.getAll()).contains("WARN").contains("Could not read Redis's maxmemory-policy");
    }

    private static UnifiedJedis as(String user, String password) {
        return RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", SERVER.server().port()))
                .clientConfig(DefaultJedisClientConfig.builder().user(user).password(password).build()).build();
    }

    @Test
    void keyspaceNotificationsGetALoudWarning(CapturedOutput output) {
        redis.configSet("notify-keyspace-events", "Kh");
        RedisServerChecks.verify(redis, false);
        assertThat(output.getAll()).contains("WARN").contains("Redis keyspace notifications are on");
    }
}
