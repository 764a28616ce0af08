package org.signpost.bot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.dialogs.conversation.ConversationActivity;
import redis.clients.jedis.UnifiedJedis;

/**
 * Last-active times in the {@code conv} keyspace, under a keyed one-way name of the conversation (so the
 * keyspace names no conversation); one atomic script decides which turn starts a conversation.
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

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms conversations;

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
    public Piped<Boolean> markActiveCall(String conversationKey, Instant now, Duration idleGap) {
        Duration ttl = Keyspace.CONV.ttl().orElseThrow();
        Duration keep = idleGap.compareTo(ttl) > 0 ? idleGap : ttl;
        List<String> keys = List.of(Keyspace.CONV.key(prefix, conversations.of(conversationKey), ":active"));
        List<String> args = List.of(Long.toString(now.toEpochMilli()), Long.toString(idleGap.toMillis()),
                Long.toString(keep.toMillis()));
        return Piped.of(pipeline -> pipeline.eval(MARK_ACTIVE, keys, args), RedisConversationActivity::starts,
                () -> starts(redis.eval(MARK_ACTIVE, keys, args)),
                () -> starts(redis.eval(MARK_ACTIVE_AGAIN, keys, args)));
    }

    private static boolean starts(Object reply) {
        return Long.valueOf(1).equals(reply);
    }
}
