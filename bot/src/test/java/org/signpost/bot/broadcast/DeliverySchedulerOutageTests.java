package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.RedisFaultProxy;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Dispatcher;
import org.signpost.dialogs.broadcast.Recipients;
import org.signpost.dialogs.broadcast.SendResult;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The delivery scheduler while Redis is down (every connection cut, new ones refused, through a fault
 * proxy): its passes fail again and again, it says so once, waits longer and longer between tries, and
 * says once that delivery works again when Redis is back, by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliverySchedulerOutageTests {

    /** A name of its own, so that no other instance in this JVM (a cached application) writes these lines. */
    static final String WHAT = "Outage-test delivery";
    static final String STOPPED = WHAT + " stopped";
    static final String BACK = WHAT + " works again";

    @TempDir
    Path folder;

    @Test
    void anOutageIsLoggedOnceWhenDeliveryStopsAndOnceWhenItWorksAgain(CapturedOutput output) throws Exception {
        try (EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("redis"));
                RedisFaultProxy proxy = new RedisFaultProxy(server.port());
                UnifiedJedis redis = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", proxy.port()))
                        .clientConfig(DefaultJedisClientConfig.builder().password(server.password())
                                .timeoutMillis(1000).build()).build()) {
            RedisDeliveryQueue queue = new RedisDeliveryQueue(redis, "signpost:", Duration.ofDays(365), Clock.systemUTC());
            Recipients nobody = new Recipients() {
                @Override
                public Page reachable(String tenant, String cursor, int count) {
                    return new Page(List.of(), "");
                }

                @Override
                public long optedOut(String tenant) {
                    return 0;
                }
            };
            Dispatcher dispatcher = new Dispatcher(queue, nobody,
                    (broadcast, delivery) -> CompletableFuture.completedFuture(new SendResult.Delivered()),
                    (attempts, retryAfter) -> Optional.empty(), (tenant, recipient) -> { }, DeliverySettings.defaults(),
                    Clock.systemUTC(), "instance-outage");
            AtomicInteger passes = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            try (DeliveryScheduler scheduler = new DeliveryScheduler(WHAT, () -> {
                passes.incrementAndGet();
                try {
                    return dispatcher.tick();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    throw e;
                }
            }, Clock.systemUTC(), Duration.ofMillis(10), Duration.ofMillis(80)).start()) {
                await("a pass ran", () -> passes.get() > 0);
                assertThat(output.getAll()).doesNotContain(STOPPED);

                proxy.down(true);
                scheduler.nudge();
                await("passes keep failing", () -> failed.get() >= 8);
                proxy.down(false);
                int failures = failed.get();
                scheduler.nudge();
                await("delivery works again", () -> output.getAll().contains(BACK));
                System.out.printf("Redis down: %d failed passes, logged once%n", failures);
            }
        }
        assertThat(output.getAll().split(STOPPED, -1)).as("one line when it stopped").hasSize(2);
        assertThat(output.getAll().split(BACK, -1)).as("one line when it worked again").hasSize(2);
        assertThat(output.getAll()).contains(STOPPED + ": Jedis");
    }

    @Test
    void whileDownItWaitsLongerAndLongerUpToTheLongest() {
        Duration first = Duration.ofSeconds(1);
        Duration longest = Duration.ofSeconds(30);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 100).stream()
                .map(failures -> DeliveryScheduler.retryDelay(failures, first, longest).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
