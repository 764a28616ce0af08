package org.signpost.bot.broadcast;

import java.time.Duration;
import java.util.List;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.redis.Keyspace;
import org.signpost.dialogs.announcement.Pledges;
import redis.clients.jedis.UnifiedJedis;

/**
 * Pledges in the {@code bcast} keyspace: per campaign, a set of keyed one-way tokens (HMAC-SHA256 of the
 * campaign and the person's Entra object id under the app's sealing key): a second pledge adds nothing, and
 * without the key no token can be checked against a list of staff. Its size is the count. The set expires
 * when its campaign's year ends (counted on the app's clock), so no year's tokens outlive the year.
 */
public final class RedisPledges implements Pledges {

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms tokens;

    public RedisPledges(UnifiedJedis redis, String prefix, Pseudonyms tokens) {
        this.redis = redis;
        this.prefix = prefix;
        this.tokens = tokens;
    }

    /** The longest a campaign's tokens are kept: a year (the audit checks it). */
    public static final Duration LONGEST = Duration.ofDays(366);

    /** Adds the token and sets the set's lifetime in one step, so no set is ever left without one. */
    private static final String PLEDGE = """
            local added = redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return added
            """;

    @Override
    public boolean pledge(String campaignId, String personId) {
        return pledge(campaignId, personId, LONGEST);
    }

    @Override
    public boolean pledge(String campaignId, String personId, Duration keptFor) {
        Duration lifetime = keptFor.compareTo(LONGEST) > 0 ? LONGEST : keptFor;
        long millis = Math.max(1, lifetime.toMillis());
        return Long.valueOf(1).equals(redis.eval(PLEDGE, List.of(key(campaignId)),
                List.of(tokens.of(campaignId, personId), Long.toString(millis))));
    }

    @Override
    public long count(String campaignId) {
        return redis.scard(key(campaignId));
    }

    private String key(String campaignId) {
        return Keyspace.BCAST.key(prefix, "pledges:" + tokens.of("campaign", campaignId));
    }
}
