package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which round is open, as two instances on one Redis see it: each reads it once per freshness bound, sees its
 * own opens and closes at once and another's within the bound, and a stale answer never counts a submission
 * for a closed round.
 */
class RedisRoundsIntegrationTests {

    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClassEmptiedBeforeEach();
    private final UnifiedJedis redis = server.client();
    private final SurveyCatalog catalog = new SurveyCatalog(ContentFolder.shipped());
    private final RedisSurveyStore store = SurveyStores.store(redis, "t:", 5);
    private final AtomicLong nanos = new AtomicLong();
    private final RedisRounds first = new RedisRounds(redis, "t:", store, catalog, nanos::get);
    private final RedisRounds second = new RedisRounds(redis, "t:", store, catalog, nanos::get);

    @Test
    void anInstanceSeesItsOwnOpenAndCloseAtOnce() {
        assertThat(first.open()).isEmpty();
        assertThat(first.create("spring", "staff-survey", Optional.empty(), Optional.empty(), Instant.now()).done())
                .isTrue();
        assertThat(first.open()).map(SurveyRound::id).contains("spring");

        assertThat(first.close("spring").done()).isTrue();
        assertThat(first.open()).isEmpty();
    }

    @Test
    void anotherInstancesCloseIsSeenOnceTheFreshnessBoundHasPassed() {
        first.create("spring", "staff-survey", Optional.empty(), Optional.empty(), Instant.now());
        assertThat(second.open()).map(SurveyRound::id).contains("spring");

        first.close("spring");
        // within the bound the second instance still answers from what it read ...
        nanos.addAndGet(RedisRounds.OPEN_ROUND_FRESH.toNanos() - 1);
        Optional<SurveyRound> stale = second.open();
        assertThat(stale).map(SurveyRound::id).contains("spring");
        // ... which cannot count anything: the submission checks the round in Redis
        SurveyDefinition survey = stale.orElseThrow().survey();
        Map<String, String> answers = new LinkedHashMap<>();
        survey.questions().stream().filter(question -> !question.optionIds().isEmpty())
                .forEach(question -> answers.put(question.id(), question.optionIds().get(0)));
        assertThat(store.submit("spring", "a".repeat(64), CounterLayout.submission(survey, answers), "conversation"))
                .isEqualTo(Outcome.ROUND_CLOSED);

        nanos.addAndGet(1);
        assertThat(second.open()).isEmpty();
    }

    @Test
    void anotherInstancesOpenIsSeenOnceTheFreshnessBoundHasPassed() {
        assertThat(second.open()).isEmpty();
        first.create("autumn", "staff-survey", Optional.empty(), Optional.empty(), Instant.now());

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(second.open()).map(SurveyRound::id).contains("autumn");
    }

    @Test
    void withinTheBoundTheOpenRoundIsNotReadAgain() {
        first.create("spring", "staff-survey", Optional.empty(), Optional.empty(), Instant.now());
        assertThat(second.open()).isPresent();
        // what Redis holds changes behind both instances' backs (no instance of this app does that)
        redis.del("t:hr:{rounds}:open");

        assertThat(second.open()).as("answered from what it read").isPresent();
        nanos.addAndGet(RedisRounds.OPEN_ROUND_FRESH.toNanos());
        assertThat(second.open()).isEmpty();
    }
}
