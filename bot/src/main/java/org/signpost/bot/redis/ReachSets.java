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

    /**
     * A personal chat was installed or found: in reach, unless the person stopped announcements. In two
     * steps, the first made together with other calls: the person has not left ...
     */
    Piped<Long> notLeftCall(ConversationReference kept) {
        String left = set("left", RefKeyspace.tenantOf(kept));
        String person = ref.person(kept);
        return Piped.of(pipeline -> pipeline.srem(left, person), removed -> removed, () -> redis.srem(left, person));
    }

    /** ... and whether they stopped announcements; unless they did, {@link #inReach} follows. */
    Piped<Boolean> optedOutCall(ConversationReference kept) {
        String optout = set("optout", RefKeyspace.tenantOf(kept));
        String person = ref.person(kept);
        return Piped.of(pipeline -> pipeline.sismember(optout, person), Boolean.TRUE::equals,
                () -> redis.sismember(optout, person));
    }

    /** Whether the person's personal chat is noted as gone (removed, or refused by Teams). */
    Piped<Boolean> leftCall(ConversationReference reference) {
        String left = set("left", RefKeyspace.tenantOf(reference));
        String person = ref.person(reference);
        return Piped.of(pipeline -> pipeline.sismember(left, person), Boolean.TRUE::equals,
                () -> redis.sismember(left, person));
    }

    void inReach(ConversationReference kept, String name) {
        inReachCall(kept, name).alone();
    }

    Piped<Long> inReachCall(ConversationReference kept, String name) {
        String reach = set("reach", RefKeyspace.tenantOf(kept));
        return Piped.of(pipeline -> pipeline.sadd(reach, name), added -> added, () -> redis.sadd(reach, name));
    }

    /** A channel the bot is in. */
    Piped<Long> channelKeptCall(ConversationReference kept, String name) {
        String channels = set("channels", RefKeyspace.tenantOf(kept));
        return Piped.of(pipeline -> pipeline.sadd(channels, name), added -> added, () -> redis.sadd(channels, name));
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

    /** "Stop announcements": the person is remembered as opted out ... */
    Piped<Long> optOutCall(ConversationReference reference) {
        String optout = set("optout", RefKeyspace.tenantOf(reference));
        String person = ref.person(reference);
        return Piped.of(pipeline -> pipeline.sadd(optout, person), added -> added, () -> redis.sadd(optout, person));
    }

    /** ... and their personal chat is out of reach. */
    Piped<Long> outOfReachCall(ConversationReference reference, String name) {
        String reach = set("reach", RefKeyspace.tenantOf(reference));
        return Piped.of(pipeline -> pipeline.srem(reach, name), removed -> removed, () -> redis.srem(reach, name));
    }

    /** "Start announcements": the opt-out removed (the personal chat is then put in reach, {@link #inReachCall}). */
    Piped<Long> optedInCall(ConversationReference reference) {
        String optout = set("optout", RefKeyspace.tenantOf(reference));
        String person = ref.person(reference);
        return Piped.of(pipeline -> pipeline.srem(optout, person), removed -> removed, () -> redis.srem(optout, person));
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
