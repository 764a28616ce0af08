package org.signpost.bot.redis;

import com.microsoft.bot.schema.ConversationReference;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Who announcements may reach, per tenant, by keyed names only: personal chats in reach ({@code reach}),
 * channels the bot is in ({@code channels}), people who said "stop announcements" ({@code optout}) and people
 * whose personal chat is gone or was refused ({@code left}), so that no roster pass opens it again.
 */
final class ReachSets {

    private final UnifiedJedis redis;
    private final RefKeyspace ref;

    ReachSets(UnifiedJedis redis, RefKeyspace ref) {
        this.redis = redis;
        this.ref = ref;
    }

    /** A personal chat was installed or found: in reach, unless the person stopped announcements. */
    void personalChatKept(ConversationReference kept, String name) {
        String tenant = RefKeyspace.tenantOf(kept);
        redis.srem(set("left", tenant), ref.person(kept));
        if (!redis.sismember(set("optout", tenant), ref.person(kept))) {
            redis.sadd(set("reach", tenant), name);
        }
    }

    void channelKept(ConversationReference kept, String name) {
        redis.sadd(set("channels", RefKeyspace.tenantOf(kept)), name);
    }

    /** The person's personal chat went (removed, or Teams said it is gone). */
    void left(ConversationReference reference) {
        left(RefKeyspace.tenantOf(reference), ref.person(reference));
    }

    void left(String tenant, String person) {
        redis.sadd(set("left", tenant), person);
    }

    /** Out of reach: a personal chat or a channel that went. */
    void outOfReach(String tenant, String name) {
        redis.srem(set("reach", tenant), name);
        redis.srem(set("channels", tenant), name);
    }

    void stop(ConversationReference reference, String name) {
        String tenant = RefKeyspace.tenantOf(reference);
        redis.sadd(set("optout", tenant), ref.person(reference));
        redis.srem(set("reach", tenant), name);
    }

    void start(ConversationReference reference) {
        redis.srem(set("optout", RefKeyspace.tenantOf(reference)), ref.person(reference));
    }

    ScanResult<String> inReach(String tenant, String cursor, int count) {
        return redis.sscan(set("reach", tenant), cursor, new ScanParams().count(count));
    }

    boolean inReach(String tenant, String name) {
        return redis.sismember(set("reach", tenant), name);
    }

    long optedOut(String tenant) {
        return redis.scard(set("optout", tenant));
    }

    boolean optedOutOrLeft(String tenant, String person) {
        return redis.sismember(set("optout", tenant), person) || redis.sismember(set("left", tenant), person);
    }

    Set<String> channels(String tenant) {
        return redis.smembers(set("channels", tenant));
    }

    private String set(String name, String tenant) {
        return ref.tenantSet(name, tenant);
    }
}
