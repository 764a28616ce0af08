package org.signpost.bot.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Holds each tenant's announcement records to their retention on the app's clock, and lets a tenant go from the
 * list of tenants once nothing of it is kept or under way: at start-up, whenever announcements are listed, and at
 * the dispatcher's first pass after the end of the earliest retention the tenant's records have ({@code until},
 * kept by the scripts that keep and delete them).
 */
final class TenantRetention {

    private static final Long ONE = 1L;

    private final UnifiedJedis redis;
    private final BroadcastKeys keys;
    private final TenantList tenants;
    private final Duration retention;
    private final Clock clock;

    TenantRetention(UnifiedJedis redis, BroadcastKeys keys, TenantList tenants, Duration retention, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.tenants = tenants;
        this.retention = retention;
        this.clock = clock;
    }

    void keepAll() {
        tenants.listed().forEach(this::keep);
    }

    /** At a pass of the dispatcher: whether the tenant has anything queued, once its records are kept. */
    boolean queuedAfterLook(String tenant) {
        Look look = look(tenant);
        if (look.ended()) {
            keep(tenant);
            look = look(tenant);
        } else if (!look.queued() && !look.kept()) {
            tenants.leaveIfIdle(tenant);
        }
        return look.queued();
    }

    /** {@link AnnouncementScripts#LOOK}'s answer. */
    private record Look(boolean queued, boolean ended, boolean kept) {
    }

    private Look look(String tenant) {
        List<?> look = (List<?>) redis.eval(AnnouncementScripts.LOOK, List.of(keys.key(tenant, "scheduled"),
                keys.key(tenant, "due"), keys.key(tenant, "leases"), keys.key(tenant, "all"),
                keys.key(tenant, "until")), List.of(Long.toString(clock.millis())));
        return new Look(ONE.equals(look.get(0)), ONE.equals(look.get(1)), ONE.equals(look.get(2)));
    }

    private void keep(String tenant) {
        List<?> gone = (List<?>) redis.eval(AnnouncementScripts.KEEP_FOR_RETENTION,
                List.of(keys.key(tenant, "all"), keys.key(tenant, "scheduled"), keys.key(tenant, "due"),
                        keys.key(tenant, "leases"), keys.key(tenant, "owners"), keys.key(tenant, "busy"),
                        keys.key(tenant, "until")),
                List.of(keys.metaPrefix(tenant), Long.toString(clock.millis()), Long.toString(retention.toMillis())));
        if (!gone.isEmpty()) {
            redis.hdel(keys.owners(), gone.stream().map(String.class::cast).toArray(String[]::new));
        }
        tenants.leaveIfIdle(tenant);
    }
}
