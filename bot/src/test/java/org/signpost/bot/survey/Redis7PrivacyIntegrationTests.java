package org.signpost.bot.survey;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.RedisProcesses;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The privacy scan against a current Redis server (7.x, whose append-only file is a folder of base and
 * incremental files), as an external Redis reached as the bot's ACL user: the keys come from configuration.
 */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
@Import(SurveyPrivacyScan.MovedClock.class)
class Redis7PrivacyIntegrationTests extends SurveyPrivacyScan {

    static final Path folder = TestRedis.tempFolder("signpost-privacy-7");
    static final FakeConnector connector = new FakeConnector();
    static RedisProcesses processes;
    static RedisProcesses.Server server;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        processes = new RedisProcesses(folder);
        // plain commands on disk after a rewrite too, as the embedded Redis writes them
        server = processes.redis("redis", "aof-use-rdb-preamble no");
        registry.add("signpost.redis.url", () -> "redis://" + RedisProcesses.BOT_USER + ":" + RedisProcesses.BOT_PASSWORD
                + "@127.0.0.1:" + server.port());
        registry.add("signpost.redis.data-folder", () -> folder.resolve("unused").toString());
        TestKeys.register(registry);
    }

    @AfterAll
    static void stop() {
        connector.close();
        if (processes != null) {
            processes.close();
        }
    }

    @Override
    FakeConnector connector() {
        return connector;
    }

    @Override
    Path redisDataFolder() {
        return folder.resolve("redis");
    }

    @Override
    AppKeys appKeys() {
        return TestKeys.appKeys();
    }

    @Override
    int redisPort() {
        return server.port();
    }

    @Override
    String redisPassword() {
        return RedisProcesses.ADMIN_PASSWORD;
    }
}
