package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.redis.EmbeddedRedis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * REDIS_URL selects a Redis server (here with the ACL user the README recommends) and no embedded one is
 * started.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalRedisIntegrationTests {

    static final Path folder = TestRedis.tempFolder("signpost-external");
    static final EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("server"));
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try (UnifiedJedis admin = admin()) {
            // the app's user as the README recommends it: its own keys, nothing dangerous but what it needs
            admin.sendCommand(Protocol.Command.ACL, "SETUSER", "signpost", "on", ">bot-password", "~signpost:*", "&*",
                    "+@all", "-@dangerous", "+info", "+bgrewriteaof");
        }
        registry.add("signpost.redis.url", () -> "redis://signpost:bot-password@127.0.0.1:" + server.port());
        registry.add("signpost.redis.data-folder", () -> folder.resolve("unused").toString());
        TestKeys.register(registry);
    }

    @AfterAll
    static void stop() {
        connector.close();
        server.close();
    }

    @LocalServerPort
    int port;

    @Test
    void conversationsRunOnTheConfiguredServer() {
        Activities teams = new Activities(connector.serviceUrl(), "29:user", "Sam", "aad-sam");
        assertThat(new Endpoint(port).post(teams.message("a:external", "hello")).statusCode()).isEqualTo(200);

        assertThat(connector.sentTo("a:external").get(0).cardText()).contains("Where to get support");
        try (UnifiedJedis admin = admin()) {
            String conversation = TestKeys.appKeys().pseudonyms("conversation").of("msteams/a:external");
            assertThat(admin.exists("signpost:conv:{" + conversation + "}:active")).isTrue();
        }
        assertThat(folder.resolve("unused").resolve("signpost.aof")).as("no embedded Redis").doesNotExist();
        try (UnifiedJedis app = RedisClient.create(URI.create("redis://signpost:bot-password@127.0.0.1:" + server.port()))) {
            assertThat(app.info("memory")).as("how the bot checks the policy").contains("maxmemory_policy:noeviction");
            assertThatThrownBy(() -> app.configGet("requirepass")).hasMessageContaining("NOPERM");
            assertThat(new String((byte[]) app.sendCommand(Protocol.Command.BGREWRITEAOF), StandardCharsets.UTF_8))
                    .contains("rewriting");
            assertThatThrownBy(() -> app.sendCommand(Protocol.Command.MONITOR)).hasMessageContaining("NOPERM");
        }
    }

    private static UnifiedJedis admin() {
        return TestRedis.client(server);
    }

}
