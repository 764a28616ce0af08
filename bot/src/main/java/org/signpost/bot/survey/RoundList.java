package org.signpost.bot.survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.signpost.bot.redis.Keyspace;
import org.signpost.dialogs.survey.RoundEntry;
import redis.clients.jedis.UnifiedJedis;

/**
 * The list of rounds ({@code hr:{rounds}:list}, round id to {@code survey|order|opens-at|closes-at}, times in
 * epoch milliseconds or '' for none): which rounds exist, of which survey, and their schedule. A round's state
 * is not here but in its counters' metadata ({@link RedisSurveyStore#state}).
 */
final class RoundList {

    /** KEYS: list, order counter. ARGV: id, survey, opens-at, closes-at ('' for none). 0 when it exists. */
    private static final String REGISTER = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
            local order = redis.call('INCR', KEYS[2])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. order .. '|' .. ARGV[3] .. '|' .. ARGV[4])
            return 1
            """;

    /** KEYS: list. ARGV: id, opens-at, closes-at. Keeps survey and order; 0 when the round is unknown. */
    private static final String RESCHEDULE = """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then return 0 end
            local survey, order = string.match(value, '^([^|]*)|([^|]*)|')
            redis.call('HSET', KEYS[1], ARGV[1], survey .. '|' .. order .. '|' .. ARGV[2] .. '|' .. ARGV[3])
            return 1
            """;

    private final UnifiedJedis redis;
    private final RedisSurveyStore store;
    private final String list;
    private final String order;

    RoundList(UnifiedJedis redis, String prefix, RedisSurveyStore store) {
        this.redis = redis;
        this.store = store;
        this.list = Keyspace.HR.key(prefix, "rounds", ":list");
        this.order = Keyspace.HR.key(prefix, "rounds", ":order");
    }

    String key() {
        return list;
    }

    /** Every round, the newest first. */
    List<RoundEntry> newestFirst() {
        List<RoundEntry> rounds = new ArrayList<>();
        redis.hgetAll(list).forEach((id, value) -> rounds.add(parse(id, value)));
        rounds.sort(Comparator.comparingLong(RoundEntry::order).reversed());
        return rounds;
    }

    Optional<RoundEntry> entry(String id) {
        return Optional.ofNullable(redis.hget(list, id)).map(value -> parse(id, value));
    }

    boolean contains(String id) {
        return redis.hexists(list, id);
    }

    boolean isEmpty() {
        return redis.hlen(list) == 0;
    }

    /** Adds the round at the end of the order; false when it is there already. */
    boolean register(String id, String surveyId, Optional<Instant> opensAt, Optional<Instant> closesAt) {
        return Long.valueOf(1).equals(redis.eval(REGISTER, List.of(list, order),
                List.of(id, surveyId, millis(opensAt), millis(closesAt))));
    }

    void reschedule(String id, Optional<Instant> opensAt, Optional<Instant> closesAt) {
        redis.eval(RESCHEDULE, List.of(list), List.of(id, millis(opensAt), millis(closesAt)));
    }

    void remove(String id) {
        redis.hdel(list, id);
    }

    static String surveyOf(String listEntry) {
        return listEntry.substring(0, listEntry.indexOf('|'));
    }

    private RoundEntry parse(String id, String value) {
        String[] parts = value.split("\\|", -1);
        RoundEntry.State state = store.state(id).map(s -> s.equals("open") ? RoundEntry.State.OPEN
                : RoundEntry.State.CLOSED).orElse(RoundEntry.State.SCHEDULED);
        return new RoundEntry(id, parts[0], Long.parseLong(parts[1]), state, instant(parts[2]), instant(parts[3]));
    }

    private static Optional<Instant> instant(String millis) {
        return millis.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
    }

    private static String millis(Optional<Instant> at) {
        return at.map(instant -> Long.toString(instant.toEpochMilli())).orElse("");
    }
}
