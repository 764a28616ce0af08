package org.signpost.bot.redis;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * When a write counts as kept. With replicas, a failover promotes a replica, and whatever the old master
 * had not yet passed on is gone: so a write that must not be lost is followed by {@code WAIT}, and is
 * kept only once that many replicas have it. WAIT covers the writes of its own connection, so the script
 * and the WAIT go down one connection, one after the other.
 */
public final class Durability {

    /** What the script returned, and whether the replicas asked for have it. */
    public record Written(Object result, boolean replicated) {
    }

    private final UnifiedJedis redis;
    private final int replicas;
    private final Duration timeout;

    public Durability(UnifiedJedis redis, int replicas, Duration timeout) {
        if (replicas < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Replicas to wait for must be 0 or more, and the wait positive");
        }
        this.redis = redis;
        this.replicas = replicas;
        this.timeout = timeout;
    }

    public int replicas() {
        return replicas;
    }

    /** Runs a script whose keys share one hash tag, then waits until {@code replicas} replicas have its writes. */
    public Written eval(String script, List<String> keys, List<String> args) {
        if (replicas == 0) {
            return new Written(redis.eval(script, keys, args), true);
        }
        Response<Object> result;
        Response<Long> acknowledged;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            result = pipeline.eval(script, keys, args);
            acknowledged = pipeline.waitReplicas(keys.get(0), replicas, timeout.toMillis());
            pipeline.sync();
        }
        return new Written(result.get(), acknowledged.get() >= replicas);
    }
}
