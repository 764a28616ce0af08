package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyProgress;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The survey store against a real (embedded) Redis. */
class RedisSurveyStoreIntegrationTests {

    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClassEmptiedBeforeEach();
    private final UnifiedJedis redis = server.client();

    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final SurveyRound R1 = new SurveyRound("r1", SURVEY);
    private final RedisSurveyStore store = SurveyStores.store(redis, "t:", 5);
    private final SealedProgress progress = SurveyStores.progress(redis, "t:");

    @Test
    void openingCreatesEveryCounterAtZeroInDefinitionOrderAndPinsTheTokenKey() {
        assertThat(store.open(R1)).isEqualTo(RedisSurveyStore.Opened.OPENED);

        Map<String, List<String>> layout = CounterLayout.allFields(SURVEY);
        assertThat(redis.keys("t:agg:{r1}:*")).hasSize(layout.size() + 1);
        layout.forEach((hash, fields) -> {
            // small hashes keep insertion order, which must then be the definition's, not the first answers'
            assertThat(fieldsInRedisOrder(store.hash("r1", hash))).as(hash).containsExactlyElementsOf(fields);
            assertThat(redis.hgetAll(store.hash("r1", hash)).values()).containsOnly("0");
        });
        assertThat(layout.get("by:role:manager")).as("no joint groupings").noneMatch(f -> f.startsWith("area:")
                || f.startsWith("role:") || f.startsWith("age:") || f.startsWith("gender:"));
        assertThat(redis.hget(store.meta("r1"), "token-key")).isEqualTo(SurveyStores.TOKENS.fingerprint())
                .doesNotContain(new String(SurveyStores.KEYS.respondentTokenKey(), StandardCharsets.UTF_8));
        assertThat(store.open(R1)).isEqualTo(RedisSurveyStore.Opened.ALREADY_OPEN);
    }

    @Test
    void fieldOrderDoesNotDependOnWhoAnsweredFirst() {
        store.open(R1);
        store.open(new SurveyRound("r2", SURVEY));
        Map<String, String> first = Map.of("workload", "agree", "role", "manager");
        Map<String, String> second = Map.of("open-culture", "disagree", "role", "not-manager");
        store.submit("r1", "a".repeat(64), CounterLayout.submission(SURVEY, first), "c/1");
        store.submit("r1", "b".repeat(64), CounterLayout.submission(SURVEY, second), "c/2");
        store.submit("r2", "b".repeat(64), CounterLayout.submission(SURVEY, second), "c/2");
        store.submit("r2", "a".repeat(64), CounterLayout.submission(SURVEY, first), "c/1");

        for (String hash : CounterLayout.allFields(SURVEY).keySet()) {
            assertThat(fieldsInRedisOrder(store.hash("r1", hash))).as(hash)
                    .containsExactlyElementsOf(fieldsInRedisOrder(store.hash("r2", hash)))
                    .containsExactlyElementsOf(CounterLayout.allFields(SURVEY).get(hash));
            assertThat(redis.hgetAll(store.hash("r1", hash))).isEqualTo(redis.hgetAll(store.hash("r2", hash)));
        }
        assertThat(redis.hget(store.hash("r1", "by:role:manager"), "workload:agree")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:role:not-manager"), "workload:agree")).isEqualTo("0");
        assertThat(redis.hget(store.hash("r1", "by:role:not-manager"), "open-culture:disagree")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:age:under-25"), "responses")).isEqualTo("0");
    }

    /** HKEYS as Redis orders it (Jedis's map of HGETALL does not keep the order). */
    List<String> fieldsInRedisOrder(String key) {
        List<String> fields = new ArrayList<>();
        for (Object field : (List<?>) redis.sendCommand(Protocol.Command.HKEYS, key)) {
            fields.add(new String((byte[]) field, StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void aChangedSurveyOrAClosedRoundIsNeverOpenedAgain() {
        store.open(R1);
        SurveyDefinition edited = new SurveyDefinition(SURVEY.id(), SURVEY.title(),
                SURVEY.questions().subList(1, SURVEY.size()));
        assertThat(store.open(new SurveyRound("r1", edited))).isEqualTo(RedisSurveyStore.Opened.SURVEY_CHANGED);

        store.submit("r1", "a".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")), "c/1");
        store.close("r1");
        assertThat(redis.exists(store.tokens("r1"))).isFalse();
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
        assertThat(store.open(R1)).isEqualTo(RedisSurveyStore.Opened.CLOSED);
        assertThat(store.submit("r1", "b".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")),
                "c/2")).isEqualTo(Outcome.ROUND_CLOSED);
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
    }

    @Test
    void aRoundWhoseMetadataWereLostIsNeverOpenedAgainAndItsTotalsStay() {
        store.open(R1);
        store.submit("r1", "a".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")), "c/1");
        redis.del(store.meta("r1"));

        assertThat(store.open(R1)).isEqualTo(RedisSurveyStore.Opened.META_LOST);
        assertThat(redis.exists(store.meta("r1"))).isFalse();
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
        assertThat(store.submit("r1", "b".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")),
                "c/2")).as("no meta, no counting").isEqualTo(Outcome.ROUND_CLOSED);

        // tokens alone are enough to tell the round existed
        redis.flushAll();
        redis.sadd(store.tokens("r1"), "c".repeat(64));
        assertThat(store.open(R1)).isEqualTo(RedisSurveyStore.Opened.META_LOST);
    }

    @Test
    void aRoundOpenedWithAnotherTokenKeyIsNotOpenedWithThisOne() {
        store.open(R1);
        AppKeys other = new AppKeys("another-sealing-key-of-32-characters-x".getBytes(StandardCharsets.UTF_8),
                "another-token-key-of-at-least-32-chars".getBytes(StandardCharsets.UTF_8));
        RedisSurveyStore withAnotherKey = SurveyStores.store(redis, "t:", 5, other, false, rewrites(new MutableClock()));
        assertThat(withAnotherKey.open(R1)).isEqualTo(RedisSurveyStore.Opened.TOKEN_KEY_CHANGED);

        redis.hdel(store.meta("r1"), "token-key");
        assertThat(store.open(R1)).isEqualTo(RedisSurveyStore.Opened.TOKEN_KEY_NOT_PINNED);
    }

    @Test
    void roundsCountedInATrialAreMarkedAsTrialDataForGood() {
        RedisSurveyStore trial = SurveyStores.store(redis, "t:", 5, SurveyStores.KEYS, true, rewrites(new MutableClock()));
        store.open(R1);
        store.open(new SurveyRound("r2", SURVEY));
        store.submit("r2", "a".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")), "c/1");
        trial.submit("r1", "a".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")), "c/1");
        store.submit("r1", "b".repeat(64), CounterLayout.submission(SURVEY, Map.of("workload", "agree")), "c/2");
        store.close("r1");

        assertThat(redis.hget(store.meta("r1"), "trial")).isEqualTo("1");
        assertThat(redis.hexists(store.meta("r2"), "trial")).isFalse();
    }

    @Test
    void aSubmissionCountsOnceEvenWhenManyArriveAtOnceAndDeletesTheAnswersInProgress() throws Exception {
        store.open(R1);
        assertThat(progress.save(R1, "msteams/a:1", new SurveyProgress("r1", SURVEY.size(), Map.of("workload", "agree"))))
                .isTrue();
        CounterLayout.Submission submission = CounterLayout.submission(SURVEY,
                Map.of("workload", "agree", "role", "manager", "area", "frontline"));

        List<Callable<Outcome>> clicks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clicks.add(() -> store.submit("r1", "c".repeat(64), submission, "msteams/a:1"));
        }
        List<Object> outcomes = runTogether(clicks);
        assertThat(outcomes).containsOnlyOnce(Outcome.COUNTED).containsOnly(Outcome.COUNTED, Outcome.ALREADY_COUNTED);
        assertThat(redis.hget(store.hash("r1", "all"), "responses")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:role:manager"), "workload:agree")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:area:frontline"), "responses")).isEqualTo("1");
        assertThat(redis.hget(store.hash("r1", "by:area:corporate"), "responses")).isEqualTo("0");
        assertThat(progress.load(R1, "msteams/a:1")).isEmpty();
    }

    @Test
    void whenRedisCannotBeReachedNothingWasSentSoNothingWasSaved() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (UnifiedJedis unreachable = RedisClient.create("127.0.0.1", closedPort)) {
            RedisSurveyStore offline = SurveyStores.store(unreachable, "t:", 5);
            assertThat(offline.submit("r1", "e".repeat(64), CounterLayout.submission(SURVEY, Map.of()), "c/1"))
                    .isEqualTo(Outcome.NOT_SAVED);
        }
    }

    @Test
    void aForgedCounterChangesNothing() {
        store.open(R1);
        CounterLayout.Submission forged = new CounterLayout.Submission(List.copyOf(CounterLayout.allFields(SURVEY).keySet()),
                List.of("responses", "workload:agree", "invented:field"), List.of("responses"), Set.of());
        assertThatThrownBy(() -> store.submit("r1", "d".repeat(64), forged, "c/1"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(redis.hget(store.hash("r1", "all"), "responses")).isEqualTo("0");
        assertThat(redis.hexists(store.hash("r1", "all"), "invented:field")).isFalse();
        assertThat(redis.exists(store.tokens("r1"))).isFalse();
    }

    @Test
    void aProgressSaveMadeAgainAfterItsFirstAttemptAppliedAnswersTheSame() {
        store.open(R1);
        // a cluster's pipeline makes a call again when a lost connection took its reply: the save may have run
        Together.Call<Boolean> begin = progress.saveCall(R1, "msteams/a:1", SurveyProgress.begin("r1"));
        assertThat(begin.alone()).isTrue();
        assertThat(begin.again()).as("a first save made again").isTrue();
        SurveyProgress loaded = progress.load(R1, "msteams/a:1").orElseThrow();
        Together.Call<Boolean> answer = progress.saveCall(R1, "msteams/a:1",
                new SurveyProgress("r1", 1, Map.of("stigma-awareness", "agree"), loaded.revision()));
        assertThat(answer.alone()).isTrue();
        assertThat(answer.again()).as("a compare-and-set save made again").isTrue();
        assertThat(progress.save(R1, "msteams/a:1", new SurveyProgress("r1", 1, Map.of("stigma-awareness", "disagree"),
                loaded.revision()))).as("another save over the revision that moved on still loses").isFalse();
        assertThat(progress.load(R1, "msteams/a:1")).get()
                .satisfies(saved -> assertThat(saved.answers()).isEqualTo(Map.of("stigma-awareness", "agree")));
    }

    @Test
    void progressIsSealedUnderAKeyedNameInARecordOfOneLengthWithAShortTtl() {
        store.open(R1);
        SurveyProgress saved = new SurveyProgress("r1", 2, Map.of("stigma-awareness", "agree", "talk-to-manager", ""));
        assertThat(progress.save(R1, "msteams/a:1", saved)).isTrue();
        assertThat(progress.load(R1, "msteams/a:1")).get()
                .satisfies(loaded -> assertThat(loaded.next()).isEqualTo(2))
                .satisfies(loaded -> assertThat(loaded.answers()).isEqualTo(saved.answers()));
        assertThat(progress.load(new SurveyRound("r2", SURVEY), "msteams/a:1")).isEmpty();

        Set<String> keys = redis.keys("t:progress:*");
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key).matches("t:progress:\\{r1}:[0-9a-f]{64}").doesNotContain("a:1", "msteams");
            assertThat(redis.pttl(key)).isPositive().isLessThanOrEqualTo(Duration.ofHours(4).toMillis());
            assertThat(new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1))
                    .doesNotContain("agree", "stigma", "talk-to-manager", "a:1");
        });

        // the length never depends on the answers: "agree" and "strongly-disagree" seal alike
        progress.save(R1, "msteams/a:2", new SurveyProgress("r1", 2, Map.of("stigma-awareness", "strongly-disagree",
                "talk-to-manager", "neither")));
        progress.save(R1, "msteams/a:3", SurveyProgress.begin("r1"));
        progress.save(R1, "msteams/a:4", new SurveyProgress("r1", 12, Map.of("anything-else", String.join(",",
                SurveyDefinition.THEMES))));
        Set<Integer> lengths = new HashSet<>();
        for (String key : redis.keys("t:progress:*")) {
            lengths.add(redis.get(key.getBytes(StandardCharsets.UTF_8)).length);
        }
        assertThat(lengths).hasSize(1);

        progress.delete("r1", "msteams/a:1");
        assertThat(progress.load(R1, "msteams/a:1")).isEmpty();
    }

    @Test
    void sealedProgressOpensOnlyWithTheSealingKeyAndOnlyUnderItsOwnName() {
        store.open(R1);
        progress.save(R1, "msteams/a:1", new SurveyProgress("r1", 1, Map.of("stigma-awareness", "agree")));
        byte[] record = redis.get(store.progress("r1", "msteams/a:1").getBytes(StandardCharsets.UTF_8));

        // moved under another conversation's name, it does not open (and is dropped)
        redis.set(store.progress("r1", "msteams/a:2").getBytes(StandardCharsets.UTF_8), record);
        assertThat(progress.load(R1, "msteams/a:2")).isEmpty();
        assertThat(redis.exists(store.progress("r1", "msteams/a:2"))).isFalse();

        // with another sealing key, neither the name nor the record leads anywhere
        AppKeys other = new AppKeys("another-sealing-key-of-32-characters-x".getBytes(StandardCharsets.UTF_8),
                SurveyStores.KEYS.respondentTokenKey());
        SealedProgress elsewhere = SurveyStores.progress(redis, "t:", other, rewrites(new MutableClock()));
        assertThat(elsewhere.key("r1", "msteams/a:1")).isNotEqualTo(store.progress("r1", "msteams/a:1"));
        redis.set(elsewhere.key("r1", "msteams/a:1").getBytes(StandardCharsets.UTF_8), record);
        assertThat(elsewhere.load(R1, "msteams/a:1")).isEmpty();
        assertThat(progress.load(R1, "msteams/a:1")).isPresent();
    }

    /**
     * The codec keeps the last survey's layout: a turn for another survey (another round's, an edited one)
     * must never read or write answers in the wrong layout, nor someone's answers in anyone else's.
     */
    @Test
    void progressOfTwoSurveysSavedAndReadInTurnKeepsEachOnesAnswers() {
        SurveyDefinition shorter = new SurveyDefinition(SURVEY.id(), SURVEY.title(),
                SURVEY.questions().subList(1, SURVEY.size()));
        SurveyRound r2 = new SurveyRound("r2", shorter);
        String first = SURVEY.questions().get(0).id();
        String second = SURVEY.questions().get(1).id();
        Map<String, String> themes = Map.of("anything-else", String.join(",", SurveyDefinition.THEMES.subList(0, 3)));
        store.open(R1);
        store.open(r2);
        progress.save(R1, "msteams/a:1", new SurveyProgress("r1", 2, Map.of(first, "agree", second, "")));
        progress.save(r2, "msteams/a:1", new SurveyProgress("r2", 1, Map.of(second, "strongly-disagree")));
        progress.save(R1, "msteams/a:2", new SurveyProgress("r1", 12, themes));
        for (int i = 0; i < 2; i++) {
            assertThat(progress.load(r2, "msteams/a:1").orElseThrow().answers()).isEqualTo(Map.of(second, "strongly-disagree"));
            assertThat(progress.load(R1, "msteams/a:1").orElseThrow().answers()).isEqualTo(Map.of(first, "agree", second, ""));
            assertThat(progress.load(R1, "msteams/a:2").orElseThrow().answers()).isEqualTo(themes);
        }
        // each in its own survey's layout: one question fewer is a shorter record (a stale layout would be the same length)
        int oneQuestion = 1 + (SURVEY.questions().get(0).optionIds().size() + 7) / 8;
        assertThat(redis.get(store.progress("r1", "msteams/a:1").getBytes(StandardCharsets.UTF_8)).length
                - redis.get(store.progress("r2", "msteams/a:1").getBytes(StandardCharsets.UTF_8)).length)
                .isEqualTo(oneQuestion);
    }

    @Test
    void savesAreCompareAndSet() {
        store.open(R1);
        assertThat(progress.save(R1, "msteams/a:1", SurveyProgress.begin("r1"))).isTrue();
        assertThat(progress.save(R1, "msteams/a:1", SurveyProgress.begin("r1"))).as("a second start").isFalse();
        SurveyProgress read = progress.load(R1, "msteams/a:1").orElseThrow();
        SurveyProgress first = new SurveyProgress("r1", 1, Map.of("stigma-awareness", "agree"), read.revision());
        SurveyProgress second = new SurveyProgress("r1", 1, Map.of("stigma-awareness", "disagree"), read.revision());
        assertThat(progress.save(R1, "msteams/a:1", first)).isTrue();
        assertThat(progress.save(R1, "msteams/a:1", second)).as("read before the first was saved").isFalse();
        assertThat(progress.load(R1, "msteams/a:1").orElseThrow().answers()).containsEntry("stigma-awareness", "agree");
    }

    /**
     * Closing a round deletes every answer still in progress in it, and none is saved after: a click that the
     * closing overtook (read while open, saved after) keeps nothing, and deletes what it finds.
     */
    @Test
    void closingARoundDeletesItsAnswersInProgressAndNoneIsSavedAfter() {
        SurveyRound r2 = new SurveyRound("r2", SURVEY);
        store.open(R1);
        store.open(r2);
        progress.save(R1, "msteams/a:1", new SurveyProgress("r1", 1, Map.of("stigma-awareness", "agree")));
        progress.save(R1, "msteams/a:2", SurveyProgress.begin("r1"));
        progress.save(r2, "msteams/a:1", SurveyProgress.begin("r2"));
        SurveyProgress read = progress.load(R1, "msteams/a:1").orElseThrow();
        byte[] name = store.progress("r1", "msteams/a:1").getBytes(StandardCharsets.UTF_8);
        byte[] record = redis.get(name);

        assertThat(store.close("r1")).isTrue();
        assertThat(redis.keys("t:progress:{r1}:*")).as("the closed round's answers in progress").isEmpty();
        assertThat(redis.keys("t:progress:{r2}:*")).as("another round's").hasSize(1);

        assertThat(progress.save(R1, "msteams/a:3", SurveyProgress.begin("r1"))).as("a start after closing").isFalse();
        redis.set(name, record);
        assertThat(progress.save(R1, "msteams/a:1", new SurveyProgress("r1", 2, Map.of("stigma-awareness", "agree",
                "talk-to-manager", "agree"), read.revision()))).as("an answer read before closing").isFalse();
        assertThat(redis.keys("t:progress:{r1}:*")).isEmpty();
        assertThat(redis.hget(store.hash("r1", "all"), "responses")).isEqualTo("0");
    }

    /**
     * Two instances (two clients), racing: one submits, the other saves an answer it read just before.
     * Whatever the order, the late save never brings answers back, and of two clicks on the same card
     * exactly one stands.
     */
    @Test
    void aLateSaveRacingASubmitOnAnotherInstanceLeavesNothingInProgressAndOverwritesNothing() throws Exception {
        store.open(R1);
        try (UnifiedJedis otherClient = TestRedis.client(server.server())) {
            RedisSurveyStore other = SurveyStores.store(otherClient, "t:", 1_000);
            SealedProgress otherProgress = SurveyStores.progress(otherClient, "t:");
            for (int i = 0; i < 40; i++) {
                String conversation = "msteams/a:race-" + i;
                progress.save(R1, conversation, new SurveyProgress("r1", SURVEY.size(), Map.of("workload", "agree")));
                SurveyProgress read = otherProgress.load(R1, conversation).orElseThrow();
                CounterLayout.Submission submission = CounterLayout.submission(SURVEY, read.answers());
                String token = String.format("%064x", i);
                List<Callable<Object>> racing = List.of(
                        () -> store.submit("r1", token, submission, conversation),
                        () -> otherProgress.save(R1, conversation, new SurveyProgress("r1", SURVEY.size(),
                                Map.of("workload", "disagree"), read.revision())));
                List<Object> outcomes = runTogether(racing);
                assertThat(outcomes.get(0)).isEqualTo(Outcome.COUNTED);
                assertThat(progress.load(R1, conversation)).as("nothing left in progress after submit").isEmpty();
            }
            assertThat(redis.hget(store.hash("r1", "all"), "workload:agree")).isEqualTo("40");
            assertThat(redis.keys("t:progress:*")).isEmpty();

            for (int i = 0; i < 40; i++) {
                String conversation = "msteams/a:clicks-" + i;
                progress.save(R1, conversation, SurveyProgress.begin("r1"));
                SurveyProgress read = progress.load(R1, conversation).orElseThrow();
                List<Callable<Object>> clicks = List.of(
                        () -> progress.save(R1, conversation, new SurveyProgress("r1", 1,
                                Map.of("stigma-awareness", "agree"), read.revision())),
                        () -> otherProgress.save(R1, conversation, new SurveyProgress("r1", 1,
                                Map.of("stigma-awareness", "disagree"), read.revision())));
                List<Object> saved = runTogether(clicks);
                assertThat(saved).containsExactlyInAnyOrder(true, false);
                String winner = saved.get(0).equals(true) ? "agree" : "disagree";
                assertThat(progress.load(R1, conversation).orElseThrow().answers())
                        .containsExactly(Map.entry("stigma-awareness", winner));
            }
        }
    }

    @Test
    void everySubmissionAndEveryChangeLeadsToARewriteRequestInTime() {
        MutableClock clock = new MutableClock();
        List<String> requests = new ArrayList<>();
        AppendOnlyRewrites rewrites = new AppendOnlyRewrites(clock, Duration.ofMinutes(10), requests::add);
        RedisSurveyStore counted = SurveyStores.store(redis, "t:", 3, SurveyStores.KEYS, false, rewrites);
        counted.open(R1);
        SurveyStores.progress(redis, "t:", SurveyStores.KEYS, rewrites).save(R1, "c/1", SurveyProgress.begin("r1"));
        assertThat(rewrites.due()).contains(clock.instant().plus(Duration.ofMinutes(10)));
        for (int i = 0; i < 3; i++) {
            counted.submit("r1", String.format("%064x", i), CounterLayout.submission(SURVEY, Map.of()), "c/" + i);
        }
        assertThat(requests).as("after every 3 submissions, at once").hasSize(1);
        counted.submit("r1", "f".repeat(64), CounterLayout.submission(SURVEY, Map.of()), "c/9");
        clock.advance(Duration.ofMinutes(10));
        rewrites.tick();
        assertThat(requests).as("then on the timer").hasSize(2);
        counted.close("r1");
        assertThat(requests).as("and when the round closes").hasSize(3)
                .as("in a cluster, on the round's node").containsOnly(counted.meta("r1"));
    }

    /** A click on a closed or forged round's card deletes what it names: nothing there is nothing written. */
    @Test
    void deletingNothingAsksForNoRewriteAndAForgedRoundNamesNoKey() {
        AppendOnlyRewrites rewrites = rewrites(new MutableClock());
        SealedProgress counted = SurveyStores.progress(redis, "t:", SurveyStores.KEYS, rewrites);
        counted.delete("closed-2024", "c/1");
        counted.delete("{forged}:*", "c/1");
        assertThat(rewrites.due()).isEmpty();
    }

    private static AppendOnlyRewrites rewrites(MutableClock clock) {
        return new AppendOnlyRewrites(clock, Duration.ofMinutes(10), routingKey -> { });
    }

    private static List<Object> runTogether(List<? extends Callable<?>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<?> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
