package org.signpost.bot.broadcast;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.broadcast.DeliveryQueue;
import org.signpost.dialogs.broadcast.DeliveryQueueContract;

/** The Redis queue (its Lua scripts) keeps the same contract as the plain reading in memory. */
class RedisDeliveryQueueIntegrationTests extends DeliveryQueueContract {

    private static TestRedis redis;
    private RedisDeliveryQueue queue;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start(TestRedis.tempFolder("delivery-queue"));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void emptyQueue() {
        redis.client().flushAll();
        queue = new RedisDeliveryQueue(redis.client(), "signpost:");
    }

    @Override
    protected DeliveryQueue queue() {
        return queue;
    }
}
