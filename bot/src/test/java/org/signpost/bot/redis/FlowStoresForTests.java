package org.signpost.bot.redis;

import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.flow.ActiveFlows;
import org.signpost.dialogs.flow.FlowRunStores;
import redis.clients.jedis.UnifiedJedis;

/** The flow engine's Redis adapters (package-private here), for a test of the engine in its own package. */
public final class FlowStoresForTests {

    private FlowStoresForTests() {
    }

    public static ActiveFlows pointers(UnifiedJedis redis, String prefix, AppKeys keys) {
        return new RedisActiveFlows(redis, prefix, keys.pseudonyms("flow"), keys.seal("flow"));
    }

    public static FlowRunStores runs(UnifiedJedis redis, String prefix, AppKeys keys) {
        return new RedisFlowRuns(redis, prefix, keys.pseudonyms("flow-run"), keys.seal("flow-run"));
    }
}
