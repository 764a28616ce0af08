package org.signpost.bot.focusgroup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.ReusedRead;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The open sessions by start time ({@code focus:{sessions}:open}): whether any takes sign-ups is one question,
 * asked on every menu. An instance reuses, for a moment, its read of the latest start among them
 * ({@link ReusedRead}), compared with the clock on each turn. A session saved, deleted or expired here is seen
 * here at once, elsewhere within the moment; a sign-up checks in Redis itself that its session takes sign-ups.
 */
final class RedisOpenSessions {

    private final UnifiedJedis redis;
    private final String prefix;
    /** The latest start among the open sessions, in ms; {@link Long#MIN_VALUE} when none is open. */
    private final ReusedRead<Long> latestOpenStart;

    RedisOpenSessions(UnifiedJedis redis, String prefix, Clock clock, Duration reuseOpenRead) {
        this.redis = redis;
        this.latestOpenStart = new ReusedRead<>(clock, reuseOpenRead);
        this.prefix = prefix;
    }

    /** A session was saved: in the index while it is open. */
    void saved(Session session) {
        try {
            if (session.status() == SessionStatus.OPEN) {
                redis.zadd(openIndex(), session.startsAt().toEpochMilli(), session.id());
            } else {
                redis.zrem(openIndex(), session.id());
            }
        } finally {
            latestOpenStart.changed();
        }
    }

    /** A session was deleted or expired. */
    void removed(String id) {
        redis.zrem(openIndex(), id);
        latestOpenStart.changed();
    }

    /** Puts every open session of these in the index. */
    void index(List<Session> sessions) {
        sessions.stream().filter(session -> session.status() == SessionStatus.OPEN)
                .forEach(session -> redis.zadd(openIndex(), session.startsAt().toEpochMilli(), session.id()));
        latestOpenStart.changed();
    }

    Together.Call<Boolean> takingSignUpsCall(Instant now) {
        long at = now.toEpochMilli();
        return latestOpenStart.call(Piped.of(pipeline -> pipeline.zrevrangeWithScores(openIndex(), 0, 0),
                RedisOpenSessions::latest, () -> latest(redis.zrevrangeWithScores(openIndex(), 0, 0))))
                .map(latest -> latest > at);
    }

    private static long latest(List<Tuple> latestFirst) {
        return latestFirst.isEmpty() ? Long.MIN_VALUE : (long) latestFirst.get(0).getScore();
    }

    private String openIndex() {
        return Keyspace.FOCUS.key(prefix, "sessions", ":open");
    }
}
