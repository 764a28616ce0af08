package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.DefaultPooledObjectInfo;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/** The app's pool of Redis connections, looked at without borrowing from it. */
public final class PooledConnections {

    private PooledConnections() {
    }

    public static Pool<Connection> of(UnifiedJedis redis) {
        return ((RedisClient) redis).getPool();
    }

    /**
     * Waits (up to 30 s) until the pool holds no connection made before {@code cutoffMillis}: after an outage every
     * one of those is dead, and only the pool's own check of its idle connections drops them (nothing here borrows
     * one), so this is the moment from which no turn can meet one.
     */
    public static void awaitNoneMadeBefore(UnifiedJedis redis, long cutoffMillis) {
        Pool<Connection> pool = of(redis);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (madeBefore(pool, cutoffMillis) > 0) {
            assertThat(System.nanoTime()).as("the pool's check to drop the %d connections made before Redis came back",
                    madeBefore(pool, cutoffMillis)).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static long madeBefore(Pool<Connection> pool, long cutoffMillis) {
        return pool.listAllObjects().stream().mapToLong(DefaultPooledObjectInfo::getCreateTime)
                .filter(created -> created < cutoffMillis).count();
    }
}
