package org.signpost.bot.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Benchmark: results come from counters, so a round of a million responses costs what a round of a
 * thousand does. Prints the median time of the results page and of each export over HTTP for both, and
 * the ratio (not asserted: timings are noisy; docs/benchmarks.md keeps the figures).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResultsBenchmarkTests {

    static final int RUNS = 40;
    static final int WARM_UP = 10;
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final LocalTrial trial = new LocalTrial("signpost-results-benchmark");
    static final Path keys = TestRedis.tempFolder("signpost-benchmark-keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.registerWithAccount(registry, "bench", "bench-password", keys);
        registry.add("signpost.survey.rounds[0].id", () -> "thousand");
        registry.add("signpost.survey.rounds[0].survey", () -> "staff-survey");
        registry.add("signpost.survey.rounds[0].state", () -> "closed");
        registry.add("signpost.survey.rounds[1].id", () -> "million");
        registry.add("signpost.survey.rounds[1].survey", () -> "staff-survey");
        registry.add("signpost.survey.rounds[1].state", () -> "closed");
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    @Test
    void aMillionResponsesCostWhatAThousandDo() {
        fill("thousand", 1_000);
        fill("million", 1_000_000);
        HrSession hr = new HrSession(port);
        hr.signIn("bench", "bench-password");
        System.out.printf("BENCHMARK results (median of %d over HTTP)%n", RUNS);
        for (String path : List.of("", "/results.csv", "/results.xlsx", "/results.json")) {
            // the two rounds in turn, so that warm-up and other load on the machine fall on both alike
            List<Double> small = new ArrayList<>();
            List<Double> large = new ArrayList<>();
            for (int i = 0; i < RUNS + WARM_UP; i++) {
                // and each first every other time, so that neither always follows the other
                boolean thousandFirst = i % 2 == 0;
                double thousand = thousandFirst ? time(hr, "/hr/rounds/thousand" + path) : 0;
                double million = time(hr, "/hr/rounds/million" + path);
                if (!thousandFirst) {
                    thousand = time(hr, "/hr/rounds/thousand" + path);
                }
                if (i >= WARM_UP) {
                    small.add(thousand);
                    large.add(million);
                }
            }
            System.out.printf("BENCHMARK %-16s 1,000: %6.1f ms   1,000,000: %6.1f ms   ratio %.2f%n",
                    path.isEmpty() ? "results page" : path.substring(1), median(small), median(large),
                    median(large) / median(small));
        }
    }

    /** Counters as a round of {@code responses} people would leave them: every option and group in proportion. */
    private void fill(String round, long responses) {
        CounterLayout.allFields(SURVEY).forEach((hash, fields) -> {
            long people = hash.equals("all") ? responses : responses / 5;
            Map<String, String> values = new HashMap<>();
            for (int f = 0; f < fields.size(); f++) {
                String field = fields.get(f);
                values.put(field, Long.toString(field.equals("responses") ? people : people / (3 + f % 4)));
            }
            redis.hset("signpost:agg:{" + round + "}:" + hash, values);
        });
    }

    private static double time(HrSession hr, String path) {
        long start = System.nanoTime();
        int status = hr.getBytes(path).statusCode();
        long took = System.nanoTime() - start;
        assertThat(status).as(path).isEqualTo(200);
        return took / 1e6;
    }

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
