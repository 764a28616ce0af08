package org.signpost.bot.redis;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the server must guarantee before the app trusts it with totals. It must never evict: a round
 * whose metadata were evicted would look new and be opened again at zero. And whoever can subscribe to
 * keyspace notifications sees which counters each submission moves, so they should be off.
 */
final class RedisServerChecks {

    private static final Logger log = LoggerFactory.getLogger(RedisServerChecks.class);

    private RedisServerChecks() {
    }

    static void verify(UnifiedJedis redis, boolean acceptEvictionPolicy) {
        Optional<String> policy = RedisServerSettings.info(redis, "memory", "maxmemory_policy").or(() -> RedisServerSettings.config(redis, "maxmemory-policy"));
        if (policy.isEmpty()) {
            if (!acceptEvictionPolicy) {
                throw new IllegalStateException("Redis lets the app read neither INFO nor CONFIG GET, so the app cannot "
                        + "check that Redis never evicts keys (maxmemory-policy noeviction). Check it in your provider's "
                        + "settings, then set SIGNPOST_REDIS_ACCEPT_EVICTION_POLICY=true");
            }
            log.warn("Could not read Redis's maxmemory-policy; starting because SIGNPOST_REDIS_ACCEPT_EVICTION_POLICY "
                    + "is set. It must be noeviction, or survey totals can be lost");
        } else if (!policy.get().equals("noeviction")) {
            if (!acceptEvictionPolicy) {
                throw new IllegalStateException("Redis's maxmemory-policy is " + policy.get() + ": it may evict keys, and "
                        + "a round whose metadata were evicted would be reset to zero. Set maxmemory-policy noeviction "
                        + "(or, at your own risk, SIGNPOST_REDIS_ACCEPT_EVICTION_POLICY=true)");
            }
            log.warn("!!! Redis's maxmemory-policy is {}: it may evict keys and lose survey totals. Starting only "
                    + "because SIGNPOST_REDIS_ACCEPT_EVICTION_POLICY is set !!!", policy.get());
        }
        // only CONFIG GET tells, and an app user rightly without CONFIG (it would show passwords) cannot ask
        Optional<String> notifications = RedisServerSettings.config(redis, "notify-keyspace-events");
        if (notifications.isEmpty()) {
            log.info("Could not read Redis's notify-keyspace-events (CONFIG GET is not allowed): keep keyspace "
                    + "notifications off, or anyone who may subscribe sees which counters each submission moves");
        } else if (!notifications.get().isEmpty()) {
            log.warn("!!! Redis keyspace notifications are on (notify-keyspace-events {}): anyone who may subscribe to "
                    + "them sees which counters each survey submission moves, that is, which groups the person is "
                    + "in. Turn them off (notify-keyspace-events \"\") unless something needs them !!!",
                    notifications.get());
        }
    }

}
