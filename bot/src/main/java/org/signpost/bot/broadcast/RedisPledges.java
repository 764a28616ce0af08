package org.signpost.bot.broadcast;

import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.redis.Keyspace;
import org.signpost.dialogs.announcement.Pledges;
import redis.clients.jedis.UnifiedJedis;

/**
 * Pledges in the {@code bcast} keyspace: per campaign, a set of keyed one-way tokens (HMAC-SHA256 of the
 * campaign and the person's Entra object id under the app's sealing key): a second pledge adds nothing, and
 * without the key no token can be checked against a list of staff. Its size is the count.
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

    @Override
    public boolean pledge(String campaignId, String personId) {
        return redis.sadd(key(campaignId), tokens.of(campaignId, personId)) == 1;
    }

    @Override
    public long count(String campaignId) {
        return redis.scard(key(campaignId));
    }

    private String key(String campaignId) {
        return Keyspace.BCAST.key(prefix, "pledges:" + tokens.of("campaign", campaignId));
    }
}
