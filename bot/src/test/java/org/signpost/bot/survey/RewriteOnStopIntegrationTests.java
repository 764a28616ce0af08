package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.SignpostApplication;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.TestKeys;
import org.signpost.bot.load.BotProcess;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bot stopped cleanly leaves no submission apart on disk: the append-only file keeps each submission's
 * counter increments together until a rewrite, and a rewrite still due is made before the embedded Redis stops
 * (else the file would hold them until the next start, longer than the rewrite interval promises).
 */
class RewriteOnStopIntegrationTests {

    @TempDir
    Path folder;

    @Test
    void aCleanStopRewritesTheAppendOnlyFileWhenARewriteIsDue() throws IOException {
        Path data = folder.resolve("data");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--signpost.redis.data-folder=" + data));
        args.addAll(TestKeys.arguments());
        try (FakeConnector connector = new FakeConnector()) {
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SignpostApplication.class)
                    .run(args.toArray(String[]::new))) {
                Endpoint endpoint = new Endpoint(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
                Activities teams = new Activities(connector.serviceUrl(), "29:rewrite-on-stop", "Stop Person",
                        "aad-rewrite-on-stop");
                new SurveyRespondent(endpoint, teams, "a:rewrite-on-stop-1")
                        .answer("trial", SurveyTally.SURVEY, SurveyTally.randomAnswers(new Random(31)));
                assertThat(appendOnlyFile(data)).as("the submission's increments, until a rewrite").contains("HINCRBY");
            }
        }
        assertThat(appendOnlyFile(data)).as("rewritten as the bot stopped: only the totals").doesNotContain("HINCRBY")
                .contains("submissions");
    }

    /**
     * The same for a bot in a JVM of its own stopped by a SIGTERM (what a container stop or {@code kill} sends),
     * where every JVM shutdown hook runs at once: the embedded Redis must be stopped by Spring's ordered stop
     * only, after the rewrite, not by a hook of its own beside it.
     */
    @Test
    void aSigtermedBotRewritesTheAppendOnlyFileBeforeItsEmbeddedRedisStops() throws IOException {
        Path data = folder.resolve("data");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("signpost.redis.data-folder", data.toString());
        properties.put("signpost.keys.sealing-key", TestKeys.SEALING);
        properties.put("signpost.survey.token-secret", TestKeys.TOKEN);
        try (FakeConnector connector = new FakeConnector()) {
            try (BotProcess bot = BotProcess.start("sigterm", SignpostApplication.class.getName(), properties,
                    List.of("-Xmx256m", "-XX:+UseSerialGC"), folder)) {
                Activities teams = new Activities(connector.serviceUrl(), "29:rewrite-on-sigterm", "Term Person",
                        "aad-rewrite-on-sigterm");
                new SurveyRespondent(new Endpoint(bot.port()), teams, "a:rewrite-on-sigterm-1")
                        .answer("trial", SurveyTally.SURVEY, SurveyTally.randomAnswers(new Random(37)));
                assertThat(appendOnlyFile(data)).as("the submission's increments, until a rewrite").contains("HINCRBY");
                bot.terminate();
                assertThat(bot.alive()).isFalse();
            }
        }
        assertThat(appendOnlyFile(data)).as("rewritten as the bot stopped on SIGTERM: only the totals")
                .doesNotContain("HINCRBY").contains("submissions");
    }

    private static String appendOnlyFile(Path data) throws IOException {
        return new String(Files.readAllBytes(data.resolve("signpost.aof")), StandardCharsets.ISO_8859_1);
    }
}
