package org.signpost.bot.broadcast;

import java.time.Instant;
import java.util.List;
import org.signpost.dialogs.broadcast.DeliverySettings;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * Places in a tenant's rate window for the calls to the connector that are not messages (a roster page, a new
 * conversation), shared with the messages of every instance ({@link QueueScripts#PERMIT}), so that all together
 * keep to the rate.
 */
final class RedisCallSlots {

    private final UnifiedJedis redis;
    private final BroadcastKeys keys;

    RedisCallSlots(UnifiedJedis redis, String prefix) {
        this.redis = redis;
        this.keys = new BroadcastKeys(prefix);
    }

    /**
     * Takes a place in the tenant's window for another call, held until {@link #answered} stamps it with the
     * time of the answer.
     *
     * @param slot a random name for this place
     */
    boolean take(String tenant, String slot, Instant now, DeliverySettings settings) {
        return Long.valueOf(1).equals(redis.eval(QueueScripts.CALL_SLOT,
                List.of(keys.key(tenant, "slots"), keys.key(tenant, "pause")),
                List.of(Long.toString(now.toEpochMilli()), Long.toString(settings.window().toMillis()),
                        Integer.toString(settings.ratePerSecond()), slot, Long.toString(settings.lease().toMillis()))));
    }

    /** The call that took this place was answered now: its place counts from here, for one window. */
    void answered(String tenant, String slot, Instant now) {
        redis.zadd(keys.key(tenant, "slots"), now.toEpochMilli(), slot, ZAddParams.zAddParams().xx());
    }
}
