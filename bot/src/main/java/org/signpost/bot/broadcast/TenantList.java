package org.signpost.bot.broadcast;

import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * The list of tenants with announcements ({@code bcast:{tenants}}): a tenant joins as it schedules one and leaves
 * once nothing of it is kept or under way. The list is another slot than the tenant's keys, so no one script
 * both removes a tenant's last item and the tenant: whoever leaves looks again after, and a tenant scheduling
 * joins again after its announcement is queued.
 */
final class TenantList {

    private final UnifiedJedis redis;
    private final BroadcastKeys keys;

    TenantList(UnifiedJedis redis, BroadcastKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    Set<String> listed() {
        return redis.smembers(keys.tenants());
    }

    void join(String tenant) {
        redis.sadd(keys.tenants(), tenant);
    }

    /** Leaves when nothing of the tenant's is kept or under way; one queued meanwhile is seen and stays. */
    void leaveIfIdle(String tenant) {
        if (idle(tenant)) {
            redis.srem(keys.tenants(), tenant);
            if (!idle(tenant)) {
                join(tenant);
            }
        }
    }

    /** Nothing of the tenant's is kept or under way (its rate window and pause end by themselves). */
    private boolean idle(String tenant) {
        return redis.exists(keys.key(tenant, "all"), keys.key(tenant, "scheduled"), keys.key(tenant, "due"),
                keys.key(tenant, "leases"), keys.key(tenant, "roster"), keys.key(tenant, "roster:for"),
                keys.key(tenant, "roster:serving")) == 0;
    }
}
