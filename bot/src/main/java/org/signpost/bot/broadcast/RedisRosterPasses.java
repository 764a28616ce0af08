package org.signpost.bot.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.broadcast.Broadcast;
import redis.clients.jedis.UnifiedJedis;

/**
 * The team roster passes in the {@code bcast} keyspace ({@link RosterScripts}), beside the tenant's queue
 * under the same hash tag: one pass per tenant at a time, claimed with a lease that its instance renews as
 * it goes, and the page it reached, so another instance resumes there if it stops. Teams' continuation
 * token is sealed; the team appears only by its keyed name.
 */
final class RedisRosterPasses {

    /** Where a pass resumes: a team by keyed name and the page's continuation token (both empty at the start). */
    record Cursor(String team, String token) {
        boolean start() {
            return team.isEmpty() && token.isEmpty();
        }
    }

    private final UnifiedJedis redis;
    private final BroadcastKeys keys;
    private final Seal seal;

    RedisRosterPasses(UnifiedJedis redis, String prefix, Seal seal) {
        this.redis = redis;
        this.keys = new BroadcastKeys(prefix);
        this.seal = seal;
    }

    private String job(String tenant) {
        return keys.key(tenant, "roster");
    }

    private List<String> jobKeys(String tenant) {
        return List.of(job(tenant), keys.key(tenant, "roster:for"), keys.key(tenant, "roster:serving"));
    }

    /** A broadcast to everyone waits for the next pass of its tenant's teams; false if it is not being queued. */
    boolean hold(Broadcast broadcast) {
        String tenant = broadcast.tenant();
        return Long.valueOf(1).equals(redis.eval(RosterScripts.HOLD,
                List.of(keys.meta(tenant, broadcast.id()), keys.key(tenant, "roster:for")), List.of(broadcast.id())));
    }

    /** Tenants with a pass under way or a broadcast waiting for one. */
    List<String> pending() {
        List<String> tenants = new ArrayList<>();
        for (String tenant : redis.smembers(keys.tenants())) {
            if (redis.exists(keys.key(tenant, "roster:for")) || redis.exists(keys.key(tenant, "roster:serving"))) {
                tenants.add(tenant);
            }
        }
        return tenants;
    }

    Optional<Cursor> claim(String tenant, String owner, Instant now, Duration lease) {
        Object claimed = redis.eval(RosterScripts.CLAIM, jobKeys(tenant),
                List.of(millis(now), owner, Long.toString(lease.toMillis())));
        if (!(claimed instanceof List<?> found)) {
            return Optional.empty();
        }
        return Optional.of(new Cursor((String) found.get(0), open(tenant, (String) found.get(1))));
    }

    /** The heartbeat, with the page the pass is on: false if another instance took the pass over. */
    boolean renew(String tenant, String owner, Instant now, Duration lease, Cursor at) {
        return Long.valueOf(1).equals(redis.eval(RosterScripts.RENEW, List.of(job(tenant)), List.of(owner,
                millis(now), Long.toString(lease.toMillis()), at.team(), seal(tenant, at.token()))));
    }

    /** Queues conversations just opened for the broadcasts waiting for a pass; how many were new to them. */
    long add(String tenant, List<String> names) {
        if (names.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>();
        args.add(keys.metaPrefix(tenant));
        args.addAll(names);
        return (Long) redis.eval(RosterScripts.ADD,
                List.of(keys.key(tenant, "roster:for"), keys.key(tenant, "roster:serving"), keys.key(tenant, "due")),
                args);
    }

    boolean done(String tenant, String owner) {
        return Long.valueOf(1).equals(redis.eval(RosterScripts.DONE, jobKeys(tenant),
                List.of(owner, keys.metaPrefix(tenant))));
    }

    void release(String tenant, String owner) {
        redis.eval(RosterScripts.RELEASE, List.of(job(tenant)), List.of(owner));
    }

    private String seal(String tenant, String token) {
        if (token.isEmpty()) {
            return "";
        }
        byte[] sealed = seal.seal(token.getBytes(StandardCharsets.UTF_8), job(tenant).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The token, or empty (start the team again) if it cannot be opened, e.g. the sealing key changed. */
    private String open(String tenant, String sealed) {
        if (sealed.isEmpty()) {
            return "";
        }
        return seal.open(Base64.getUrlDecoder().decode(sealed), job(tenant).getBytes(StandardCharsets.UTF_8))
                .map(plain -> new String(plain, StandardCharsets.UTF_8)).orElse("");
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
