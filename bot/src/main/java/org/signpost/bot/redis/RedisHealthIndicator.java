package org.signpost.bot.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import redis.clients.jedis.UnifiedJedis;

/** Readiness follows Redis: without it the bot can neither signpost once nor keep its promises. */
final class RedisHealthIndicator extends AbstractHealthIndicator {

    private final UnifiedJedis redis;

    RedisHealthIndicator(UnifiedJedis redis) {
        super("Redis is not reachable");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        redis.ping();
        builder.up();
    }
}
