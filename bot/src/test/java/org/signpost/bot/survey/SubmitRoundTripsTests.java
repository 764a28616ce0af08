package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Option;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyDefinition.Type;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Benchmark: Redis round trips per submission (counted by Redis itself, so exact: it must be one,
 * whatever the number of questions) and, printed but not asserted, the time a submission takes
 * against the embedded Redis with {@code appendfsync always}. Figures go in docs/benchmarks.md.
 */
class SubmitRoundTripsTests {

    static final int SUBMISSIONS = 500;

    @TempDir
    static Path data;
    static EmbeddedRedis server;
    static UnifiedJedis redis;

    @BeforeAll
    static void startRedis() {
        server = EmbeddedRedis.start(data);
        redis = TestRedis.client(server);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @ParameterizedTest(name = "{0} questions")
    @ValueSource(ints = {5, 30})
    void oneRoundTripPerSubmissionWhateverTheNumberOfQuestions(int questions) {
        SurveyDefinition survey = survey(questions);
        String round = "bench-" + questions;
        // k is large here so that no append-only rewrite runs inside the measurement
        RedisSurveyStore store = new RedisSurveyStore(redis, "bench:", 1_000_000, Duration.ofHours(4));
        store.open(new SurveyRound(round, survey));
        Random random = new Random(questions);
        List<Map<String, List<String>>> submissions = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            submissions.add(CounterLayout.increments(survey, answers(survey, random)));
        }

        long[] nanos = new long[SUBMISSIONS];
        long commands;
        try (ClientCommandCounter counter = new ClientCommandCounter()) {
            for (int i = 0; i < SUBMISSIONS; i++) {
                long start = System.nanoTime();
                Outcome outcome = store.submit(round, token(questions, i), submissions.get(i), "bench/" + i);
                nanos[i] = System.nanoTime() - start;
                assertThat(outcome).isEqualTo(Outcome.COUNTED);
            }
            commands = counter.awaitAtLeast(SUBMISSIONS);
        }

        assertThat(commands).isEqualTo(SUBMISSIONS);
        assertThat(redis.hget("bench:agg:{" + round + "}:all", "responses")).isEqualTo(Integer.toString(SUBMISSIONS));
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK submit, %d questions: %.2f Redis round trips per submission; "
                        + "%d submissions, median %.3f ms, p99 %.3f ms (embedded Redis 6.2, appendfsync always)%n",
                questions, (double) commands / SUBMISSIONS, SUBMISSIONS, nanos[SUBMISSIONS / 2] / 1e6,
                nanos[SUBMISSIONS * 99 / 100] / 1e6);
    }

    /**
     * Counts the commands clients send, from Redis's MONITOR feed: commands run inside a Lua script are
     * marked "[0 lua]" there and are not round trips. MONITOR itself and its own connection are left out.
     */
    static final class ClientCommandCounter implements AutoCloseable {
        private final Jedis monitor = new Jedis("127.0.0.1", server.port());
        private final AtomicLong commands = new AtomicLong();
        private final CountDownLatch started = new CountDownLatch(1);

        ClientCommandCounter() {
            monitor.auth(server.password());
            Thread feed = new Thread(() -> {
                try {
                    monitor.monitor(new JedisMonitor() {
                        @Override
                        public void onCommand(String line) {
                            if (line.contains("monitor-ready")) {
                                started.countDown();
                            } else if (!line.contains("[0 lua]") && started.getCount() == 0) {
                                commands.incrementAndGet();
                            }
                        }
                    });
                } catch (RuntimeException closed) {
                    // the feed ends when the connection is closed
                }
            }, "redis-monitor");
            feed.setDaemon(true);
            feed.start();
            try {
                // a marker command tells when the feed is live
                for (int attempt = 0; attempt < 250 && started.getCount() > 0; attempt++) {
                    redis.sendCommand(Protocol.Command.PING, "monitor-ready");
                    started.await(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (started.getCount() > 0) {
                throw new IllegalStateException("The MONITOR feed did not start");
            }
        }

        long awaitAtLeast(long expected) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (commands.get() < expected && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return commands.get();
        }

        @Override
        public void close() {
            monitor.disconnect();
        }
    }

    private static SurveyDefinition survey(int questions) {
        List<Question> list = new ArrayList<>();
        for (int i = 0; i < questions - 2; i++) {
            list.add(new Question("q" + i, Type.LIKERT, true, true, Map.of("en-GB", "Question " + i), List.of()));
        }
        List<Option> roles = List.of(new Option("manager", Map.of("en-GB", "Yes")),
                new Option("not-manager", Map.of("en-GB", "No")));
        List<Option> areas = List.of(new Option("a", Map.of("en-GB", "A")), new Option("b", Map.of("en-GB", "B")),
                new Option("c", Map.of("en-GB", "C")));
        list.add(new Question("role", Type.GROUPING, true, false, Map.of("en-GB", "Role"), roles));
        list.add(new Question("area", Type.GROUPING, true, false, Map.of("en-GB", "Area"), areas));
        return new SurveyDefinition("bench", Map.of("en-GB", "Benchmark"), list);
    }

    private static Map<String, String> answers(SurveyDefinition survey, Random random) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : survey.questions()) {
            answers.put(question.id(), question.optionIds().get(random.nextInt(question.optionIds().size())));
        }
        return answers;
    }

    private static String token(int questions, int i) {
        return HexFormat.of().formatHex(new byte[32]).substring(0, 48) + String.format("%08x%08x", questions, i);
    }
}
