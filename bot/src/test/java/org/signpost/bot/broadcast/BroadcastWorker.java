package org.signpost.bot.broadcast;

import com.microsoft.bot.builder.MessageFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.signpost.bot.TestKeys;
import org.signpost.bot.connector.ConnectorClients;
import org.signpost.bot.connector.ConnectorSettings;
import org.signpost.bot.connector.RetryInterceptor;
import org.signpost.bot.connector.RetryPolicy;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.RedisAnnouncementReach;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Dispatcher;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * One delivering instance in a JVM of its own (so a test can kill it with SIGKILL): the Redis queue and
 * references, the shared outbound client, the courier, the dispatcher and its scheduler, as the app wires
 * them. Arguments: Redis port, Redis password, rate per second, lease in ms, rate guard in ms.
 */
public final class BroadcastWorker {

    static final String PREFIX = "signpost:";

    private BroadcastWorker() {
    }

    public static void main(String[] args) throws Exception {
        UnifiedJedis redis = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", Integer.parseInt(args[0])))
                .clientConfig(DefaultJedisClientConfig.builder().password(args[1]).build()).build();
        DeliverySettings settings = new DeliverySettings(Integer.parseInt(args[2]), Duration.ofMillis(Long.parseLong(args[4])),
                Duration.ofMillis(Long.parseLong(args[3])), 64, Duration.ofSeconds(1), 500);
        start(redis, settings, "worker-" + UUID.randomUUID());
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** An instance's delivery parts over this Redis; closing the scheduler stops it. */
    static DeliveryScheduler start(UnifiedJedis redis, DeliverySettings settings, String owner) {
        AppKeys keys = TestKeys.appKeys();
        RedisAnnouncementReach reach = new RedisAnnouncementReach(new RedisConversationReferences(redis, PREFIX,
                keys.pseudonyms("reference"), keys.seal("reference")));
        ConnectorSettings connector = new ConnectorSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(8), 64, 4, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(4));
        ConnectorClients clients = new ConnectorClients(connector, RetryInterceptor.realTime(connector.retryPolicy()));
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis, PREFIX, Duration.ofDays(365), Clock.systemUTC());
        ConnectorCourier courier = new ConnectorCourier(reach, broadcast -> MessageFactory.text(broadcast.message()),
                (to, message) -> {
                    message.applyConversationReference(to, false);
                    clients.sendOnce(to.getServiceUrl(), null, message);
                }, settings.maxInFlight(), delivery -> queue.permit(delivery, owner, Instant.now(), settings));
        Dispatcher dispatcher = new Dispatcher(queue, reach, courier,
                new BroadcastRetries(new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(10),
                        Duration.ofMinutes(10)), RandomGenerator.getDefault()), reach, settings, Clock.systemUTC(), owner);
        return new DeliveryScheduler(dispatcher, Clock.systemUTC()).start();
    }
}
