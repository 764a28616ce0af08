package org.signpost.bot.broadcast;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.broadcast.BroadcastConnector.Answer;
import org.signpost.bot.broadcast.BroadcastConnector.Post;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.DeliverySettings;

/**
 * Benchmark (profile {@code load}): the send rate a broadcast achieves against the configured limit, with
 * the default settings (30 per second per tenant), through real Redis and real HTTP to a fake connector,
 * first with every post taken, then with 1% of first posts throttled (429, Retry-After: 1). Prints figures;
 * asserts nothing about time.
 */
class BroadcastRateLoadRun {

    private static final int PEOPLE = 1500;

    @Test
    void sendRateAgainstTheLimit() throws Exception {
        run("no throttling", (conversation, nth) -> Answer.ok());
        run("1% of first posts 429 with Retry-After: 1", (conversation, nth) ->
                nth == 1 && BroadcastDeliveryIntegrationTests.index(conversation) % 100 == 7
                        ? new Answer(429, "1", Duration.ZERO) : Answer.ok());
    }

    private void run(String label, BiFunction<String, Integer, Answer> rule) throws Exception {
        try (TestRedis redis = TestRedis.start(TestRedis.tempFolder("broadcast-rate"));
                BroadcastConnector connector = new BroadcastConnector()) {
            connector.answer(rule);
            AppKeys keys = TestKeys.appKeys();
            RedisConversationReferences references = new RedisConversationReferences(redis.client(),
                    BroadcastWorker.PREFIX, keys.pseudonyms("reference"), keys.seal("reference"));
            for (int n = 0; n < PEOPLE; n++) {
                references.remember(personalChat(connector.serviceUrl(), n));
            }
            DeliverySettings settings = DeliverySettings.defaults();
            RedisDeliveryQueue queue = new RedisDeliveryQueue(redis.client(), BroadcastWorker.PREFIX, Duration.ofDays(365), Clock.systemUTC());
            queue.schedule(new Broadcast("rate", "tenant-1", "Time to Talk", Audience.everyoneReachable(),
                    Instant.now()));
            try (DeliveryScheduler scheduler = BroadcastWorker.start(redis.client(), settings, "bench-" + UUID.randomUUID())) {
                while (queue.progress("rate").orElseThrow().state() != BroadcastState.DONE) {
                    Thread.sleep(200);
                }
            }
            List<Post> posts = connector.posts();
            long first = posts.stream().mapToLong(Post::arrivedNanos).min().orElseThrow();
            long last = posts.stream().mapToLong(Post::arrivedNanos).max().orElseThrow();
            double seconds = (last - first) / 1e9;
            double postsPerSecond = (posts.size() - 1) / seconds;
            long delivered = posts.stream().filter(p -> p.status() == 200).count();
            System.out.printf("BENCHMARK broadcast rate [%s]: %d people, %d posts in %.1f s: %.2f posts/s = %.1f%% of "
                    + "the %d/s limit (guard %d ms); %.2f deliveries/s; most posts in any 1 s window: %d; %s%n",
                    label, PEOPLE, posts.size(), seconds, postsPerSecond,
                    100 * postsPerSecond / settings.ratePerSecond(), settings.ratePerSecond(),
                    settings.rateGuard().toMillis(), (delivered - 1) / seconds,
                    connector.mostPostsInAnyWindow(Duration.ofSeconds(1)), queue.progress("rate").orElseThrow());
        }
    }

    private static ConversationReference personalChat(String serviceUrl, int n) {
        ConversationReference reference = new ConversationReference();
        reference.setChannelId("msteams");
        reference.setServiceUrl(serviceUrl);
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(String.format("a:person-%05d", n));
        conversation.setConversationType("personal");
        conversation.setTenantId("tenant-1");
        reference.setConversation(conversation);
        ChannelAccount user = new ChannelAccount("29:user-" + n);
        user.setAadObjectId("aad-" + n);
        reference.setUser(user);
        reference.setBot(new ChannelAccount("28:signpost"));
        return reference;
    }
}
