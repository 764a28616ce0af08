package org.signpost.bot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.dialogs.conversation.ConversationActivity;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.UnifiedJedis;

/**
 * Last-active times in the {@code conv} keyspace, under a keyed one-way name of the conversation (so the
 * keyspace names no conversation); one atomic script decides which turn starts a conversation.
 *
 * <p>A turn shortly after this instance's own mark of the same conversation is no start, and is not asked of
 * Redis: the stored time only grows and outlives the idle gap, so it is at least that mark, less than the
 * idle gap ago. Redis's time then lags the last turn by less than {@link #reuse the window}, which can only
 * make the next start come that much earlier (signposting a little more, never less); a turn on another
 * instance, or after the window, asks Redis as before, and only a turn Redis answered is remembered.
 */
final class RedisConversationActivity implements ConversationActivity {

    private static final String MARK_ACTIVE = """
            local previous = tonumber(redis.call('GET', KEYS[1]))
            local now = tonumber(ARGV[1])
            redis.call('SET', KEYS[1], math.max(previous or 0, now), 'PX', ARGV[3])
            if previous and now - previous < tonumber(ARGV[2]) then return 0 end
            return 1
            """;

    /**
     * The same, made again after a lost reply: the lost attempt may have written this turn's time already,
     * and then it is unknown whether that attempt started the conversation. Signposting twice is better
     * than never (DESIGN "Signposting first"): a stored time equal to this turn's counts as a start.
     */
    private static final String MARK_ACTIVE_AGAIN = """
            local previous = tonumber(redis.call('GET', KEYS[1]))
            local now = tonumber(ARGV[1])
            redis.call('SET', KEYS[1], math.max(previous or 0, now), 'PX', ARGV[3])
            if previous and previous ~= now and now - previous < tonumber(ARGV[2]) then return 0 end
            return 1
            """;

    /** Longest a mark is reused; a hundredth of the idle gap when that is shorter. */
    static final Duration MOST_REUSE = Duration.ofMinutes(1);
    /** Conversations remembered at once: the marks of a minute of about 330 new conversations a second. */
    static final int REMEMBERED = 20_000;

    private static final Together.Call<Boolean> NO_START = () -> false;

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms conversations;
    private final RecentMarks recent = new RecentMarks(REMEMBERED);

    RedisConversationActivity(UnifiedJedis redis, String prefix, Pseudonyms conversations) {
        this.redis = redis;
        this.prefix = prefix;
        this.conversations = conversations;
    }

    @Override
    public boolean markActive(String conversationKey, Instant now, Duration idleGap) {
        return markActiveCall(conversationKey, now, idleGap).alone();
    }

    @Override
    public Together.Call<Boolean> markActiveCall(String conversationKey, Instant now, Duration idleGap) {
        String name = conversations.of(conversationKey);
        Duration reuse = reuse(idleGap);
        if (recent.within(name, now, reuse)) {
            return NO_START;
        }
        Duration ttl = Keyspace.CONV.ttl().orElseThrow();
        Duration keep = idleGap.compareTo(ttl) > 0 ? idleGap : ttl;
        List<String> keys = List.of(Keyspace.CONV.key(prefix, name, ":active"));
        List<String> args = List.of(Long.toString(now.toEpochMilli()), Long.toString(idleGap.toMillis()),
                Long.toString(keep.toMillis()));
        Function<Object, Boolean> starts = reply -> {
            // the script ran: Redis holds this turn's time or a later one
            recent.marked(name, now, reuse);
            return Long.valueOf(1).equals(reply);
        };
        return Piped.of(pipeline -> pipeline.eval(MARK_ACTIVE, keys, args), starts,
                () -> starts.apply(redis.eval(MARK_ACTIVE, keys, args)),
                () -> starts.apply(redis.eval(MARK_ACTIVE_AGAIN, keys, args)));
    }

    /**
     * Another instance may still hold its own mark of the conversation for up to {@link #reuse the window}: adding
     * Signpost again that soon, on that instance, is no start. Anywhere else, or later, it is.
     */
    @Override
    public void forget(String conversationKey) {
        String name = conversations.of(conversationKey);
        recent.forget(name);
        redis.del(Keyspace.CONV.key(prefix, name, ":active"));
    }

    /** How long after its own mark this instance takes a turn of the conversation as no start, unasked. */
    static Duration reuse(Duration idleGap) {
        Duration hundredth = idleGap.dividedBy(100);
        return hundredth.compareTo(MOST_REUSE) < 0 ? hundredth : MOST_REUSE;
    }

    int remembered() {
        return recent.size();
    }
}
