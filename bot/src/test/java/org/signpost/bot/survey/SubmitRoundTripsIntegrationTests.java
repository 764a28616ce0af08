package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
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
 * whatever the number of questions) and, printed but not asserted, the time a submission takes and the
 * bytes it adds to the append-only file, against the embedded Redis with {@code appendfsync always}. The
 * uniform script is measured beside the previous one (which touched only the person's groups) and beside
 * the other uniform scheme considered (an HINCRBY of 0 or 1 on every field of every hash). Figures go in
 * docs/benchmarks.md.
 */
class SubmitRoundTripsIntegrationTests {

    static final int SUBMISSIONS = 500;
    static final SurveyDefinition STAFF_SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");

    /** The other uniform scheme: every field of every hash gets HEXISTS, then HINCRBY by 0 or 1. */
    static final String HINCRBY_EVERYWHERE = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'open' then return -1 end
            local overall, group = {}, {}
            local a = 3
            local n = tonumber(ARGV[a]); a = a + 1
            for i = 1, n do overall[i] = ARGV[a]; a = a + 1 end
            n = tonumber(ARGV[a]); a = a + 1
            for i = 1, n do group[i] = ARGV[a]; a = a + 1 end
            local mine = ARGV[a]
            for k = 4, #KEYS do
              local fields = k == 4 and overall or group
              for i = 1, #fields do
                if redis.call('HEXISTS', KEYS[k], fields[i]) == 0 then return -2 end
              end
            end
            redis.call('DEL', KEYS[3])
            if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
            for k = 4, #KEYS do
              local fields = k == 4 and overall or group
              local add = (k == 4 or string.sub(mine, k - 4, k - 4) == '1') and 1 or 0
              for i = 1, #fields do redis.call('HINCRBY', KEYS[k], fields[i], add) end
            end
            return redis.call('HINCRBY', KEYS[1], 'submissions', 1)
            """;

    enum Script { UNIFORM, PREVIOUS, HINCRBY_EVERYWHERE }

    @RegisterExtension
    static final TestRedis.PerClass redisServer = TestRedis.perClass();
    static UnifiedJedis redis;

    @BeforeAll
    static void client() {
        redis = redisServer.client();
    }

    @ParameterizedTest(name = "{0} questions, {1}")
    @CsvSource({"5, UNIFORM", "5, PREVIOUS", "5, HINCRBY_EVERYWHERE", "30, UNIFORM", "30, PREVIOUS",
            "30, HINCRBY_EVERYWHERE", "0, UNIFORM", "0, PREVIOUS", "0, HINCRBY_EVERYWHERE"})
    void oneRoundTripPerSubmissionWhateverTheNumberOfQuestions(int questions, Script script) {
        // 0 stands for the shipped staff survey: 16 questions, 5 groupings, 22 counter hashes
        SurveyDefinition survey = questions == 0 ? STAFF_SURVEY : survey(questions);
        String round = ("bench-" + questions + "-" + script.name()).toLowerCase(Locale.ROOT).replace('_', '-');
        // a rewrite would reset the file's size: none runs inside the measurement
        RedisSurveyStore store = SurveyStores.store(redis, "bench:", 1_000_000);
        store.open(new SurveyRound(round, survey));
        Random random = new Random(questions);
        List<Map<String, String>> submissions = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            submissions.add(answers(survey, random));
        }

        long[] nanos = new long[SUBMISSIONS];
        long commands;
        long aofBefore = aofSize();
        try (ClientCommandCounter counter = new ClientCommandCounter()) {
            for (int i = 0; i < SUBMISSIONS; i++) {
                long start = System.nanoTime();
                Object outcome = submit(script, store, round, token(questions, i),
                        CounterLayout.submission(survey, submissions.get(i)), "bench/" + i);
                nanos[i] = System.nanoTime() - start;
                assertThat(outcome).isIn(Outcome.COUNTED, 1L + i);
            }
            commands = counter.awaitAtLeast(SUBMISSIONS);
        }
        long aofBytes = aofSize() - aofBefore;

        assertThat(commands).isEqualTo(SUBMISSIONS);
        assertThat(redis.hget("bench:agg:{" + round + "}:all", "responses")).isEqualTo(Integer.toString(SUBMISSIONS));
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK submit, %s, %d questions, %d counter hashes: %.2f Redis round trips per "
                        + "submission; %d submissions, median %.3f ms, p99 %.3f ms, %d append-only bytes per submission "
                        + "(embedded Redis 6.2, appendfsync always)%n",
                script, survey.size(), CounterLayout.allFields(survey).size(), (double) commands / SUBMISSIONS,
                SUBMISSIONS, nanos[SUBMISSIONS / 2] / 1e6, nanos[SUBMISSIONS * 99 / 100] / 1e6, aofBytes / SUBMISSIONS);
    }

    private static Object submit(Script script, RedisSurveyStore store, String round, String token,
            CounterLayout.Submission submission, String conversation) {
        return switch (script) {
            case UNIFORM -> store.submit(round, token, submission, conversation);
            case PREVIOUS -> PreviousSubmitScript.submit(redis, store, round, token, submission.increments(), conversation);
            case HINCRBY_EVERYWHERE -> {
                List<String> keys = new ArrayList<>(List.of(store.meta(round), store.tokens(round),
                        store.progress(round, conversation)));
                List<String> args = new ArrayList<>(List.of(token, "0",
                        Integer.toString(submission.overallFields().size())));
                args.addAll(submission.overallFields());
                args.add(Integer.toString(submission.groupFields().size()));
                args.addAll(submission.groupFields());
                StringBuilder mine = new StringBuilder();
                for (String hash : submission.hashes()) {
                    keys.add(store.hash(round, hash));
                    if (!hash.equals(CounterLayout.OVERALL)) {
                        mine.append(submission.groups().contains(hash) ? '1' : '0');
                    }
                }
                args.add(mine.toString());
                yield redis.eval(HINCRBY_EVERYWHERE, keys, args);
            }
        };
    }

    private static long aofSize() {
        for (String line : redis.info("persistence").split("\\R")) {
            if (line.startsWith("aof_current_size:")) {
                return Long.parseLong(line.substring("aof_current_size:".length()).strip());
            }
        }
        throw new IllegalStateException("No aof_current_size in INFO persistence");
    }

    /**
     * Counts the commands clients send, from Redis's MONITOR feed: commands run inside a Lua script are
     * marked "[0 lua]" there and are not round trips. MONITOR itself and its own connection are left out.
     */
    static final class ClientCommandCounter implements AutoCloseable {
        private final Jedis monitor = new Jedis("127.0.0.1", redisServer.server().port());
        private final AtomicLong commands = new AtomicLong();
        private final CountDownLatch started = new CountDownLatch(1);

        ClientCommandCounter() {
            monitor.auth(redisServer.server().password());
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
