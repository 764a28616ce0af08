package org.signpost.bot.survey;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.ReusedRead;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyRound;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which round is open, named by {@code hr:{rounds}:open}: claimed atomically before the round's counters open,
 * so two instances can never open two rounds, and let go when it closes. It is read fresh for someone taking
 * the survey ({@link #fresh}); for what a reply only offers, the menu, an instance reuses its last read for a
 * moment ({@link #recent}, {@link ReusedRead}): a round opened or closed here is seen here at once, on another
 * instance within the moment.
 */
final class OpenRound {

    /** KEYS: open. ARGV: id. '' when claimed (or held already), else the round that holds it. */
    private static final String CLAIM = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return holder end
            redis.call('SET', KEYS[1], ARGV[1])
            return ''
            """;

    /** KEYS: open. ARGV: id. Lets go only of this round's claim. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1
            """;

    /** KEYS: open, list. The open round's id and list entry, in one round trip; nil when none. */
    private static final String OPEN_ROUND = """
            local id = redis.call('GET', KEYS[1])
            if not id then return nil end
            return {id, redis.call('HGET', KEYS[2], id) or ''}
            """;

    private final UnifiedJedis redis;
    private final RedisSurveyStore store;
    private final String openKey;
    private final String list;
    private final Function<String, SurveyDefinition> surveys;
    private final ReusedRead<Optional<SurveyRound>> openRead;

    OpenRound(UnifiedJedis redis, String prefix, String list, RedisSurveyStore store,
            Function<String, SurveyDefinition> surveys, Clock clock, Duration reuseOpenRead) {
        this.redis = redis;
        this.openRead = new ReusedRead<>(clock, reuseOpenRead);
        this.store = store;
        this.openKey = Keyspace.HR.key(prefix, "rounds", ":open");
        this.list = list;
        this.surveys = surveys;
    }

    Piped<Optional<SurveyRound>> fresh() {
        return openRead.fresh(openRoundRead());
    }

    Together.Call<Optional<SurveyRound>> recent() {
        return openRead.call(openRoundRead());
    }

    private Piped<Optional<SurveyRound>> openRoundRead() {
        List<String> keys = List.of(openKey, list);
        return Piped.of(pipeline -> pipeline.eval(OPEN_ROUND, keys, List.of()), this::openRound,
                () -> openRound(redis.eval(OPEN_ROUND, keys, List.of())));
    }

    private Optional<SurveyRound> openRound(Object found) {
        if (!(found instanceof List<?> pair) || pair.size() < 2 || String.valueOf(pair.get(1)).isEmpty()) {
            return Optional.empty();
        }
        String id = String.valueOf(pair.get(0));
        // the list entry names the survey; the round's state is not needed (the open key names it open)
        return Optional.of(new SurveyRound(id, surveys.apply(RoundList.surveyOf(String.valueOf(pair.get(1))))));
    }

    /** Claims the open round for {@code id}; the round in the way, if another is open. */
    Optional<String> claim(String id) {
        try {
            return claimed(id);
        } finally {
            openRead.changed();
        }
    }

    private Optional<String> claimed(String id) {
        for (int attempt = 0; attempt < 2; attempt++) {
            String holder = (String) redis.eval(CLAIM, List.of(openKey), List.of(id));
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            if (store.state(holder).filter("open"::equals).isPresent()) {
                return Optional.of(holder);
            }
            // a claim left by a close that stopped half-way, or by a round whose opening failed: let it go
            release(holder);
        }
        return Optional.ofNullable(redis.get(openKey));
    }

    /** The round that holds the claim, if it is open. */
    Optional<String> holder() {
        return Optional.ofNullable(redis.get(openKey)).filter(holder -> store.state(holder).filter("open"::equals)
                .isPresent());
    }

    /** Lets go of the claim, if {@code id} holds it. */
    void release(String id) {
        try {
            redis.eval(RELEASE, List.of(openKey), List.of(id));
        } finally {
            openRead.changed();
        }
    }
}
