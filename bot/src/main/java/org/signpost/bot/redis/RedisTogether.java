package org.signpost.bot.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Calls that do not depend on each other, sent in one pipeline: one round trip (in a cluster, one per node
 * they go to, each call on its own key's slot, so no call spans slots). Calls that are not Redis commands of
 * their own ({@link Piped}) are made on their own; with fewer than two commands there is nothing to join.
 *
 * <p>A cluster's pipeline does not follow a slot that moved, nor find a failed node's successor, as a
 * single command does: a call answered "moved" (not run there) is made again on its own; a call whose reply
 * a lost connection took (it may have run) is made {@link Call#again again}, as {@link Together} allows, and
 * so is every call when the pipeline itself failed.
 */
public final class RedisTogether implements Together {

    private final UnifiedJedis redis;
    private final boolean cluster;

    public RedisTogether(UnifiedJedis redis) {
        this.redis = redis;
        this.cluster = redis instanceof RedisClusterClient;
    }

    @Override
    public List<Object> make(List<? extends Call<?>> calls) {
        if (calls.stream().filter(Piped.class::isInstance).count() < 2) {
            return Together.oneByOne().make(calls);
        }
        List<Supplier<?>> replies;
        try {
            replies = send(calls);
        } catch (RuntimeException lost) {
            // Jedis 8.0.2's cluster pipeline syncs its nodes on several threads, and after a lost connection its
            // own bookkeeping can fail too (a NullPointerException seen): a failure of the pipeline, not a reply
            if (!cluster) {
                throw lost;
            }
            List<Object> results = new ArrayList<>(calls.size());
            calls.forEach(call -> results.add(call.again()));
            return results;
        }
        List<Object> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            results.add(replies.get(i) != null ? reply(replies.get(i), calls.get(i)) : calls.get(i).alone());
        }
        return results;
    }

    private List<Supplier<?>> send(List<? extends Call<?>> calls) {
        List<Supplier<?>> replies = new ArrayList<>(calls.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Call<?> call : calls) {
                replies.add(call instanceof Piped<?> piped ? piped.queue(pipeline) : null);
            }
            pipeline.sync();
        }
        return replies;
    }

    private Object reply(Supplier<?> reply, Call<?> call) {
        try {
            return reply.get();
        } catch (JedisRedirectionException moved) {
            return call.alone();
        } catch (JedisConnectionException lost) {
            if (!cluster) {
                throw lost;
            }
            return call.again();
        }
    }
}
