package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.MonitorCapture;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.FlowRunStore;
import redis.clients.jedis.UnifiedJedis;

/** The sealed runs of every flow but the survey, against a real (embedded) Redis. */
class RedisFlowRunsIntegrationTests {

    private static final String PREFIX = "test:";
    private static final AppKeys KEYS = TestKeys.appKeys();
    private static final Duration TTL = Duration.ofHours(2);
    private static final String FLOW = "focusgroup-signup";
    private static final String INSTANCE = "session-tuesday-2026";
    private static final String CONVERSATION = "msteams/a:conversation-of-alex-7q2";
    private static final String USER = "aad-object-id-of-alex-4f1c";
    private static final String NAME = "Alex Example-Person";
    private static final String CONTACT = "alex.example@employer.example";

    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClassEmptiedBeforeEach();
    private final UnifiedJedis redis = server.client();

    private final RedisFlowRuns stores = new RedisFlowRuns(redis, PREFIX, KEYS.pseudonyms("flow-run"),
            KEYS.seal("flow-run"));

    @Test
    void aRunIsKeptComparedAndSetAndDeleted() {
        FlowRunStore runs = stores.of(FLOW, TTL);
        FlowRun begun = new FlowRun(FLOW, INSTANCE, 1, Map.of(), null);
        assertThat(runs.save(CONVERSATION, begun)).isTrue();
        assertThat(runs.save(CONVERSATION, begun)).as("a second begin over a stored run").isFalse();

        FlowRun loaded = runs.load(INSTANCE, CONVERSATION).orElseThrow();
        assertThat(loaded.next()).isEqualTo(1);
        assertThat(loaded.revision()).isNotNull();
        FlowRun answered = new FlowRun(FLOW, INSTANCE, 2, Map.of("name", NAME, "skipped", FlowRun.SKIPPED),
                loaded.revision());
        assertThat(runs.save(CONVERSATION, answered)).isTrue();
        assertThat(runs.save(CONVERSATION, answered)).as("a save over a revision that has moved on").isFalse();
        assertThat(runs.load(INSTANCE, CONVERSATION)).get().satisfies(run -> {
            assertThat(run.flow()).isEqualTo(FLOW);
            assertThat(run.instance()).isEqualTo(INSTANCE);
            assertThat(run.next()).isEqualTo(2);
            assertThat(run.answers()).isEqualTo(Map.of("name", NAME, "skipped", FlowRun.SKIPPED));
        });
        assertThat(redis.keys("*")).singleElement().satisfies(key -> assertThat(redis.pttl(key))
                .isBetween(1L, TTL.toMillis()));

        // the same conversation in another instance, or in another flow, is another run
        assertThat(runs.load("another-session", CONVERSATION)).isEmpty();
        assertThat(stores.of("announcement", TTL).load(INSTANCE, CONVERSATION)).isEmpty();

        runs.delete(INSTANCE, CONVERSATION);
        assertThat(runs.load(INSTANCE, CONVERSATION)).isEmpty();
        assertThat(redis.keys("*")).isEmpty();
    }

    @Test
    void nothingInRedisOrOnItsMonitorFeedSaysWhichFlowWhoOrWhat() {
        List<String> lines;
        try (MonitorCapture monitor = new MonitorCapture(server.server().port(), server.server().password(), redis)) {
            FlowRunStore signups = stores.of(FLOW, TTL);
            signups.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, 0, Map.of(), null));
            FlowRun run = signups.load(INSTANCE, CONVERSATION).orElseThrow();
            signups.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, 3, Map.of("name", NAME, "contact", CONTACT,
                    "user", USER, "notes", "x".repeat(3000)), run.revision()));
            signups.load(INSTANCE, CONVERSATION).orElseThrow();
            stores.of("announcement", TTL).save("msteams/a:other-conversation",
                    new FlowRun("announcement", "time-to-talk", 1, Map.of(), null));
            lines = monitor.lines(redis);
        }
        assertThat(lines).anyMatch(line -> line.contains("EVAL")).anyMatch(line -> line.contains("\"GET\""));
        List<String> clear = List.of(FLOW, "focusgroup", INSTANCE, "session", CONVERSATION, "conversation-of-alex",
                "other-conversation", USER, NAME, "Alex", CONTACT, "announcement", "time-to-talk", "msteams", "xxxx");
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(clear));

        List<String> keys = new ArrayList<>(redis.keys("*"));
        assertThat(keys).hasSize(2).allSatisfy(key -> {
            assertThat(key).matches("test:progress:\\{[0-9a-f]{64}}");
            String value = new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
            assertThat(value).doesNotContain(clear);
        });
        assertThat(keys.stream().map(redis::strlen).distinct()).as("one length, however much a run holds").hasSize(1);
    }

    @Test
    void aRecordMovedOrSealedUnderOtherKeysDoesNotOpen() {
        FlowRunStore runs = stores.of(FLOW, TTL);
        runs.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, 2, Map.of("name", NAME), null));
        String key = redis.keys("*").iterator().next();
        byte[] sealed = redis.get(key.getBytes(StandardCharsets.UTF_8));

        // moved under another conversation's name
        String other = Keyspace.PROGRESS.key(PREFIX, KEYS.pseudonyms("flow-run").of(FLOW, INSTANCE, "msteams/a:9"));
        redis.set(other.getBytes(StandardCharsets.UTF_8), sealed);
        assertThat(runs.load(INSTANCE, "msteams/a:9")).isEmpty();
        assertThat(redis.exists(other)).as("a record that does not open is dropped").isFalse();

        // read with other keys: neither the name nor the seal match
        AppKeys others = new AppKeys("another-sealing-key-of-32-characters-x".getBytes(StandardCharsets.UTF_8),
                KEYS.respondentTokenKey());
        assertThat(new RedisFlowRuns(redis, PREFIX, others.pseudonyms("flow-run"), others.seal("flow-run"))
                .of(FLOW, TTL).load(INSTANCE, CONVERSATION)).isEmpty();
        assertThat(runs.load(INSTANCE, CONVERSATION)).isPresent();
    }

    @Test
    void twoSavesAtOnceNeverOverwriteEachOther() throws Exception {
        FlowRunStore runs = stores.of(FLOW, TTL);
        runs.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, 0, Map.of(), null));
        int workers = 4;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            // from the same revision, at the same moment: exactly one wins, every time
            for (int race = 0; race < 20; race++) {
                FlowRun read = runs.load(INSTANCE, CONVERSATION).orElseThrow();
                CyclicBarrier together = new CyclicBarrier(workers);
                List<Future<Boolean>> saved = new ArrayList<>();
                for (int worker = 0; worker < workers; worker++) {
                    String value = "w" + worker;
                    saved.add(pool.submit(() -> {
                        together.await();
                        return runs.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, read.next() + 1,
                                Map.of("last", value), read.revision()));
                    }));
                }
                long wins = 0;
                for (Future<Boolean> result : saved) {
                    wins += result.get() ? 1 : 0;
                }
                assertThat(wins).as("race %s", race).isEqualTo(1);
                assertThat(runs.load(INSTANCE, CONVERSATION).orElseThrow().next()).isEqualTo(read.next() + 1);
            }

            // read, change, save until it takes: no answer given by anyone is lost
            runs.delete(INSTANCE, CONVERSATION);
            runs.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, 0, Map.of(), null));
            List<Callable<Void>> answering = new ArrayList<>();
            for (int worker = 0; worker < workers; worker++) {
                int w = worker;
                answering.add(() -> {
                    for (int i = 0; i < each; i++) {
                        boolean done = false;
                        while (!done) {
                            FlowRun read = runs.load(INSTANCE, CONVERSATION).orElseThrow();
                            Map<String, String> answers = new HashMap<>(read.answers());
                            answers.put("w" + w + "-" + i, "given");
                            done = runs.save(CONVERSATION, new FlowRun(FLOW, INSTANCE, read.next() + 1, answers,
                                    read.revision()));
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(answering)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Optional<FlowRun> last = runs.load(INSTANCE, CONVERSATION);
        assertThat(last).get().satisfies(run -> {
            assertThat(run.answers()).hasSize(workers * each);
            assertThat(run.next()).isEqualTo(workers * each);
        });
    }
}
