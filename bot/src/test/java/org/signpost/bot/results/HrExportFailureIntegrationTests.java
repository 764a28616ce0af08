package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.PooledConnections;
import org.signpost.bot.RedisFaultProxy;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.AuditLog;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.results.RoundReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import redis.clients.jedis.UnifiedJedis;

/**
 * HR trusts a downloaded file to be the whole table. Over real HTTP on loopback: an export whose making fails part
 * way, after its first bytes went out, fails at HR's end (the connection closes without the last chunk) instead of
 * ending cleanly as a shorter file; Redis down before a download gives an error, not a file; Redis going down
 * while a download is read does not shorten it (everything in it was read before its first byte). The audit log
 * tells which: every download is recorded as begun before its first byte, then as downloaded or failed; one that
 * broke off is never shown as downloaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HrExportFailureIntegrationTests {

    static final String USER = "hr-tester";
    static final String PASSWORD = "a-long-test-password-1";
    /** Rows before a broken export fails: far more than the server's buffers, so its first bytes have gone out. */
    static final int ROWS_BEFORE_FAILING = 5_000;
    static final Path folder = TestRedis.tempFolder("signpost-export-failure");
    static final EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("redis"));
    static final RedisFaultProxy proxy = new RedisFaultProxy(server.port());
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.url", () -> "redis://:" + server.password() + "@127.0.0.1:" + proxy.port());
        registry.add("signpost.redis.data-folder", () -> folder.resolve("app").toString());
        TestKeys.register(registry);
        registry.add("signpost.survey.min-group-size", () -> "5");
        registry.add("signpost.signin.local.username", () -> USER);
        registry.add("signpost.signin.local.password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("signpost.signin.local.account-file", () -> folder.resolve("hr-account").toString());
    }

    @AfterEach
    void redisBack() {
        proxy.down(false);
    }

    @AfterAll
    static void stop() {
        connector.close();
        proxy.close();
        server.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Autowired
    UnifiedJedis redis;

    @Test
    void anExportThatBreaksOffPartWayFailsAtHrsEndAndNeverEndsCleanlyAsAShorterFile() {
        HrSession hr = signedIn();
        // the same export made whole arrives whole: the path works, so what fails below is the breaking off
        HttpResponse<byte[]> whole = hr.getBytes("/hr/test-export/whole.csv");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(new String(whole.body(), StandardCharsets.UTF_8).split("\r\n")).hasSize(ROWS_BEFORE_FAILING * 2 + 1);

        for (String format : List.of("csv", "json")) {
            Throwable failed = catchThrowable(() -> hr.getBytes("/hr/test-export/broken." + format));
            assertThat(failed).as("reading a %s export that broke off", format).isInstanceOf(UncheckedIOException.class);
        }
        // nothing went out before it failed: a plain error, not a file
        HttpResponse<byte[]> xlsx = hr.getBytes("/hr/test-export/broken.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(500);
        assertNotAFile(xlsx);

        assertThat(actionsOn("test export whole.csv")).containsExactlyInAnyOrder("began downloading", "downloaded");
        for (String format : List.of("csv", "json", "xlsx")) {
            assertThat(actionsOn("test export broken." + format)).as(format)
                    .containsExactlyInAnyOrder("began downloading", "failed to download");
        }
    }

    @Test
    void redisDownBeforeADownloadGivesAnErrorNotAFile() {
        everyoneAnswers();
        HrSession hr = signedIn();
        proxy.down(true);
        for (String format : List.of("csv", "xlsx", "json")) {
            HttpResponse<byte[]> response = hr.getBytes("/hr/rounds/trial/results." + format);
            assertThat(response.statusCode()).as(format).isGreaterThanOrEqualTo(500);
            assertNotAFile(response);
        }
        redisBackAndItsDeadConnectionsDropped();
    }

    @Test
    void redisGoingDownWhileADownloadIsReadDoesNotShortenIt() throws Exception {
        everyoneAnswers();
        HrSession hr = signedIn();
        String before = new String(hr.getBytes("/hr/rounds/trial/results.csv").body(), StandardCharsets.UTF_8);
        assertThat(before.split("\r\n").length).as("the overall rows are shown (5 responses, k = 5)")
                .isGreaterThan(10);
        String beforeJson = new String(hr.getBytes("/hr/rounds/trial/results.json").body(), StandardCharsets.UTF_8);
        assertThat(actionsOn("round trial as CSV")).containsExactlyInAnyOrder("began downloading", "downloaded");

        for (String format : List.of("csv", "json")) {
            HttpResponse<InputStream> response = hr.stream("/hr/rounds/trial/results." + format);
            assertThat(response.statusCode()).isEqualTo(200);
            proxy.down(true);
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(body).isEqualTo(format.equals("csv") ? before : beforeJson);
            redisBackAndItsDeadConnectionsDropped();
        }
        new ObjectMapper().readTree(beforeJson);
    }

    /** What the audit log says HR did with this, newest first. */
    private List<String> actionsOn(String what) {
        return audit.newest(1_000).stream().filter(entry -> entry.what().equals(what) && entry.user().equals(USER))
                .map(AuditLog.Entry::action).toList();
    }

    /** An error page, never as a download (Spring marks an error body "inline;filename=f.txt" on a path like these). */
    private static void assertNotAFile(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).doesNotStartWith("attachment");
    }

    /**
     * Redis back, and the connections that died while it was away dropped by the pool's own check, which runs every
     * second (as in {@code RedisOutageIntegrationTests}): the next request meets none of them.
     */
    private void redisBackAndItsDeadConnectionsDropped() {
        long cutoff = System.currentTimeMillis();
        proxy.down(false);
        PooledConnections.awaitNoneMadeBefore(redis, cutoff);
    }

    private HrSession signedIn() {
        HrSession hr = new HrSession(port);
        assertThat(hr.signIn(USER, PASSWORD).headers().firstValue("Location")).hasValue(hr.base() + "/hr");
        return hr;
    }

    static boolean answered;

    /** Five people answer: k = 5, so the round's figures over everyone are shown. */
    void everyoneAnswers() {
        if (answered) {
            return;
        }
        Endpoint endpoint = new Endpoint(port);
        for (int i = 0; i < 5; i++) {
            new SurveyRespondent(endpoint, new Activities(connector.serviceUrl(), "29:export-" + i, "Someone",
                    "aad-export-" + i), "a:export-" + i).answer("trial", SurveyTally.SURVEY,
                    SurveyTally.randomAnswers(new Random(i)));
        }
        answered = true;
    }

    /** A test page under /hr that writes an export through the same path as the real ones, from a made-up table. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestExports {
        @Bean
        TestExportPage testExportPage(AuditLog audit) {
            return new TestExportPage(audit);
        }
    }

    @Controller
    static class TestExportPage {

        private final AuditLog audit;

        TestExportPage(AuditLog audit) {
            this.audit = audit;
        }

        @GetMapping("/hr/test-export/{how}.{format}")
        void export(@PathVariable("how") String how, @PathVariable("format") String format,
                HttpServletResponse response) throws IOException {
            Exports.Table table = table(how.equals("broken"));
            RoundReport report = ExportsTests.fixtureRound();
            audit.download(USER, "test export " + how + "." + format, () -> {
                switch (format) {
                    case "csv" -> Download.write(response, "test.csv",
                            new MediaType("text", "csv", StandardCharsets.UTF_8), out -> Exports.csv(table, out));
                    case "json" -> Download.write(response, "test.json", MediaType.APPLICATION_JSON,
                            out -> Exports.json(report, table, out));
                    default -> Download.write(response, "test.xlsx", MediaType.APPLICATION_OCTET_STREAM,
                            out -> Exports.xlsx(table, "test", out));
                }
            });
        }

        /** Rows with long text; the broken table fails after {@link #ROWS_BEFORE_FAILING} of them. */
        private static Exports.Table table(boolean broken) {
            return sink -> {
                for (int i = 0; i < ROWS_BEFORE_FAILING * 2; i++) {
                    if (broken && i == ROWS_BEFORE_FAILING) {
                        throw new IllegalStateException("the export broke off");
                    }
                    List<Object> row = new ArrayList<>(Arrays.asList("survey", "round", "", "", (long) i,
                            "question-" + i, "A question's text, long enough to fill the buffers " + i, "option", "",
                            7L, 3L, ""));
                    sink.accept(row);
                }
            };
        }
    }
}
