package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.RestoreParams;

/**
 * Timing tells nothing: after one submission, what Redis keeps about each counter hash of the round
 * (idle time, access frequency, field order) is the same whichever groups the person chose, so a Redis
 * reader cannot tell which groups a receipt's sender is in. The same measurement tells the previous
 * script's two runs apart.
 */
class UniformTouchesIntegrationTests {

    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final SurveyRound ROUND = new SurveyRound("uniform", SURVEY);
    /** Two people with different groups in every grouping, the same other answers. */
    static final Map<String, String> MANAGER = answers("manager", "frontline", "under-25", "woman", "yes");
    static final Map<String, String> NOT_MANAGER = answers("not-manager", "corporate", "50-plus", "man", "no");
    /** Long ago, in seconds: an untouched hash still shows it after the submission. */
    static final long IDLE_BEFORE = 100_000;

    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClass();
    static UnifiedJedis redis;

    /** What Redis keeps about one counter hash. */
    record Trace(long idleSeconds, long frequency, List<String> fieldOrder) {
    }

    interface Submitter {
        void submit(RedisSurveyStore store, Map<String, String> answers);
    }

    @BeforeAll
    static void client() {
        redis = server.client();
    }

    @Test
    void afterOneSubmissionEveryCounterHashLooksTheSameWhicheverGroupsWereChosen() {
        Submitter current = (store, answers) -> assertThat(store.submit(ROUND.id(), "a".repeat(64),
                CounterLayout.submission(SURVEY, answers), "msteams/a:1")).isEqualTo(Outcome.COUNTED);

        Map<String, Trace> manager = traces(current, MANAGER);
        Map<String, Trace> notManager = traces(current, NOT_MANAGER);

        assertThat(manager.keySet()).containsExactlyElementsOf(CounterLayout.allFields(SURVEY).keySet());
        assertThat(manager).isEqualTo(notManager);
        // every hash was touched, alike: a reader learns that someone submitted, not who is in which group
        assertThat(manager.values()).allSatisfy(trace -> assertThat(trace.idleSeconds()).isLessThan(IDLE_BEFORE / 2));
        assertThat(manager.values().stream().map(Trace::frequency).distinct()).hasSize(1);
    }

    @Test
    void theSameMeasurementTellsThePreviousScriptsTwoRunsApart() {
        Submitter previous = (store, answers) -> assertThat(PreviousSubmitScript.submit(redis, store, ROUND.id(),
                "a".repeat(64), CounterLayout.increments(SURVEY, answers), "msteams/a:1")).isEqualTo(1L);

        Map<String, Trace> manager = traces(previous, MANAGER);
        Map<String, Trace> notManager = traces(previous, NOT_MANAGER);

        assertThat(manager).isNotEqualTo(notManager);
        assertThat(manager.get("by:role:manager").idleSeconds()).isLessThan(IDLE_BEFORE / 2);
        assertThat(manager.get("by:role:not-manager").idleSeconds()).isGreaterThanOrEqualTo(IDLE_BEFORE);
        assertThat(manager.get("by:role:manager").frequency()).isGreaterThan(manager.get("by:role:not-manager").frequency());
    }

    /**
     * One fresh round, one submission, then what Redis keeps about each counter hash. Idle time and LFU
     * frequency cannot be read under the same eviction policy, so the submission is made twice, once
     * under each; RESTORE sets every hash's idle time or frequency to a known value first (no waiting),
     * and a log factor of 0 makes the frequency count every access exactly.
     */
    private static Map<String, Trace> traces(Submitter submitter, Map<String, String> answers) {
        RedisSurveyStore store = SurveyStores.store(redis, "u:", 1_000_000);
        List<String> hashes = List.copyOf(CounterLayout.allFields(SURVEY).keySet());
        Map<String, Long> idle = new LinkedHashMap<>();
        Map<String, Long> frequency = new LinkedHashMap<>();
        Map<String, List<String>> order = new LinkedHashMap<>();
        try {
            fresh(store, "noeviction");
            for (String hash : hashes) {
                reset(store.hash(ROUND.id(), hash), RestoreParams.restoreParams().replace().idleTime(IDLE_BEFORE));
            }
            submitter.submit(store, answers);
            for (String hash : hashes) {
                idle.put(hash, redis.objectIdletime(store.hash(ROUND.id(), hash)));
            }

            fresh(store, "allkeys-lfu");
            for (String hash : hashes) {
                reset(store.hash(ROUND.id(), hash), RestoreParams.restoreParams().replace().frequency(0));
            }
            submitter.submit(store, answers);
            for (String hash : hashes) {
                frequency.put(hash, redis.objectFreq(store.hash(ROUND.id(), hash)));
                order.put(hash, fieldsInRedisOrder(store.hash(ROUND.id(), hash)));
            }
        } finally {
            redis.configSet("maxmemory-policy", "noeviction");
            redis.configSet("lfu-log-factor", "10");
        }
        Map<String, Trace> traces = new LinkedHashMap<>();
        for (String hash : hashes) {
            traces.put(hash, new Trace(idle.get(hash), frequency.get(hash), order.get(hash)));
        }
        return traces;
    }

    private static void fresh(RedisSurveyStore store, String policy) {
        redis.flushAll();
        redis.configSet("maxmemory-policy", policy);
        redis.configSet("lfu-log-factor", "0");
        assertThat(store.open(ROUND)).isEqualTo(RedisSurveyStore.Opened.OPENED);
    }

    private static void reset(String key, RestoreParams params) {
        byte[] dumped = redis.dump(key);
        redis.restore(key.getBytes(StandardCharsets.UTF_8), 0, dumped, params);
    }

    private static List<String> fieldsInRedisOrder(String key) {
        List<String> fields = new ArrayList<>();
        for (Object field : (List<?>) redis.sendCommand(Protocol.Command.HKEYS, key)) {
            fields.add(new String((byte[]) field, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static Map<String, String> answers(String role, String area, String age, String gender, String condition) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("stigma-awareness", "agree");
        answers.put("workload", "strongly-disagree");
        answers.put("witnessed-stigma", "not-sure");
        answers.put("anything-else", "workload,stigma");
        answers.put("role", role);
        answers.put("area", area);
        answers.put("age", age);
        answers.put("gender", gender);
        answers.put("long-term-condition", condition);
        return answers;
    }
}
