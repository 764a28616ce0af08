package org.signpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml, checked structurally (no Docker engine runs here): a Redis 7 that flushes every
 * write, never evicts, needs a password and publishes no port; the bot reads its secrets from an env file.
 */
class ComposeTests {

    @Test
    void redisSevenIsDurableNeverEvictsNeedsAPasswordAndIsNotPublished() throws IOException {
        JsonNode compose = new YAMLMapper().readTree(Repository.file("deploy/compose.yaml").toFile());
        JsonNode redis = compose.at("/services/redis");
        assertThat(redis.path("image").asText()).matches("redis:7(\\.\\d+)*(-[a-z0-9]+)?");
        String command = redis.path("command").toString();
        assertThat(command).contains("--appendonly yes", "--appendfsync always", "--maxmemory-policy noeviction",
                "--requirepass");
        assertThat(redis.has("ports")).as("no Redis port published").isFalse();
        assertThat(redis.path("volumes").toString()).contains(":/data");
        assertThat(compose.at("/networks/backend/internal").asBoolean()).isTrue();
        assertThat(redis.path("networks").toString()).isEqualTo("[\"backend\"]");
    }

    @Test
    void theBotTakesItsSecretsFromAnEnvFileAndKeepsManagementOnLoopback() throws IOException {
        JsonNode compose = new YAMLMapper().readTree(Repository.file("deploy/compose.yaml").toFile());
        JsonNode bot = compose.at("/services/bot");
        assertThat(bot.path("env_file").asText()).isEqualTo("signpost.env");
        assertThat(bot.at("/environment/REDIS_URL").asText()).startsWith("redis://:${REDIS_PASSWORD").endsWith("@redis:6379");
        assertThat(bot.path("ports").toString()).contains("127.0.0.1:8081:8081").doesNotContain("\"8081:8081\"");
        assertThat(bot.path("read_only").asBoolean()).isTrue();
        assertThat(bot.at("/healthcheck/test").toString()).contains("/actuator/health/readiness");
        assertThat(bot.at("/depends_on/redis/condition").asText()).isEqualTo("service_healthy");

        String example = Files.readString(Repository.file("deploy/signpost.env.example"));
        assertThat(example).contains("MicrosoftAppPassword=\n", "REDIS_PASSWORD=\n", "SIGNPOST_SURVEY_TOKEN_SECRET=\n");
        assertThat(Files.readString(Repository.file(".gitignore"))).contains("signpost.env");
    }
}
