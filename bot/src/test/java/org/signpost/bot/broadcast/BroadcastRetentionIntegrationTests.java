package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.Delivery;
import org.signpost.dialogs.broadcast.DeliveryQueue.Settlement;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.kernel.MutableClock;
import redis.clients.jedis.UnifiedJedis;

/**
 * An announcement's record (its figures, and a "you said, we did"'s own words) and its recipient sets live
 * until the retention after its time to send: a Redis lifetime set when it is scheduled and kept by every
 * write; a record saved before there was one gets it at start-up. The clock is moved, never waited for.
 */
class BroadcastRetentionIntegrationTests {

    @RegisterExtension
    static final TestRedis.PerClass REDIS = TestRedis.perClassEmptiedBeforeEach();

    static final Duration RETENTION = Duration.ofDays(30);
    static final String TENANT = "tenant-1";
    static final String PREFIX = "signpost:";
    static final DeliverySettings SETTINGS = new DeliverySettings(30, Duration.ofMillis(25), Duration.ofSeconds(60),
            64, Duration.ofSeconds(5), 100);

    final MutableClock clock = new MutableClock();
    UnifiedJedis redis;
    RedisDeliveryQueue queue;

    @BeforeEach
    void queue() {
        redis = REDIS.client();
        queue = new RedisDeliveryQueue(redis, PREFIX, RETENTION, clock);
    }

    @Test
    void aRecordAndItsRecipientsLiveUntilTheRetentionEndsThroughEveryWriteAndThenGo() {
        queue.schedule(new Broadcast("b1", TENANT, "you-said-we-did", "We listened.", Audience.everyoneReachable(),
                clock.instant()));
        assertLivesAtMost(record("b1"), RETENTION);
        queue.claimExpansion(clock.instant(), "expander", SETTINGS).orElseThrow();
        assertThat(queue.addRecipients("b1", "expander", List.of("p1", "p2", "p3"), "next", false, 1, clock.instant(),
                SETTINGS)).isTrue();
        assertLivesAtMost(record("b1") + ":to", RETENTION);
        assertLivesAtMost(record("b1") + ":seen", RETENTION);
        assertThat(queue.addRecipients("b1", "expander", List.of("p4"), "", true, 0, clock.instant(), SETTINGS)).isTrue();

        List<Delivery> claimed = queue.claim(TENANT, clock.instant(), "a", 64, SETTINGS).deliveries();
        assertThat(claimed).hasSize(4);
        queue.settle(claimed.get(0), "a", Settlement.DELIVERED, clock.instant());
        queue.settle(claimed.get(1), "a", Settlement.FAILED, clock.instant());
        queue.retry(claimed.get(2), "a", clock.instant().plusSeconds(1), Optional.empty(), clock.instant());
        clock.advance(Duration.ofDays(10));
        // the last claim's lease ran out: counted unknown by the next claim, which takes the retried one
        List<Delivery> again = queue.claim(TENANT, clock.instant(), "b", 64, SETTINGS).deliveries();
        assertThat(again).hasSize(1);
        assertLivesAtMost(record("b1") + ":to", RETENTION);
        queue.settle(again.get(0), "b", Settlement.DELIVERED, clock.instant());
        assertThat(queue.progress("b1").orElseThrow().delivered()).isEqualTo(2);
        assertLivesAtMost(record("b1"), RETENTION);
        assertThat(redis.hget(record("b1"), "deleteAt"))
                .isEqualTo(Long.toString(clock.instant().minus(Duration.ofDays(10)).plus(RETENTION).toEpochMilli()));

        clock.advance(RETENTION.minus(Duration.ofDays(10)).minusMinutes(1));
        assertThat(queue.broadcastIds()).containsExactly("b1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(queue.broadcastIds()).isEmpty();
        assertThat(queue.broadcast("b1")).isEmpty();
        assertThat(TestRedis.contentOf(redis).keySet()).as("nothing of the announcement is left but the tenant's list")
                .allMatch(key -> !key.contains(":b:b1")).noneMatch(key -> key.endsWith(":all"));
        assertThat(redis.hexists(PREFIX + "bcast:{tenants}:of", "b1")).isFalse();
    }

    @Test
    void anAnnouncementForLaterIsKeptForTheRetentionAfterItsTime() {
        Instant later = clock.instant().plus(Duration.ofDays(60));
        queue.schedule(new Broadcast("b2", TENANT, "time-to-talk", Audience.everyoneReachable(), later));
        long ttl = redis.pttl(record("b2"));
        assertThat(ttl).isGreaterThan(Duration.ofDays(89).toMillis())
                .isLessThanOrEqualTo(Duration.ofDays(90).toMillis());
    }

    @Test
    void aWriteToARecordThatIsGoneDoesNotBringItBackWithoutALifetime() {
        queue.schedule(new Broadcast("b3", TENANT, "time-to-talk", Audience.everyoneReachable(), clock.instant()));
        queue.claimExpansion(clock.instant(), "expander", SETTINGS).orElseThrow();
        queue.addRecipients("b3", "expander", List.of("p1", "p2"), "", true, 0, clock.instant(), SETTINGS);
        List<Delivery> claimed = queue.claim(TENANT, clock.instant(), "a", 64, SETTINGS).deliveries();
        redis.del(record("b3"));

        queue.settle(claimed.get(0), "a", Settlement.DELIVERED, clock.instant());
        queue.retry(claimed.get(1), "a", clock.instant(), Optional.empty(), clock.instant());
        assertThat(redis.exists(record("b3"))).isFalse();
    }

    /**
     * Announcements past their retention leave nothing in the queue: not their place among those waiting to be
     * queued, not a message due, to be tried again or in flight. Scanned at start-up (or when they are listed);
     * one still within its retention keeps its place.
     */
    @Test
    void announcementsPastTheirRetentionLeaveNothingQueuedWhenTheRecordsAreKeptAtStartUp() {
        queueTwoThatExpireAndOneThatDoesNot();
        clock.advance(RETENTION.plusMinutes(1));

        queue.keepForRetention();

        assertThat(TestRedis.contentOf(redis)).as("every key and value in Redis").allSatisfy((key, value) ->
                assertThat(key + " = " + value).doesNotContain("expired-"));
        assertThat(redis.zrange(key("scheduled"), 0, -1)).containsExactly("later");
        assertThat(queue.broadcastIds()).containsExactly("later");
    }

    /** Between start-ups the dispatcher's passes drop them: what is queued for them is never claimed, nor kept. */
    @Test
    void announcementsPastTheirRetentionAreDroppedFromTheQueueByTheDispatchersPasses() {
        queueTwoThatExpireAndOneThatDoesNot();
        clock.advance(RETENTION.plusMinutes(1));

        assertThat(queue.claimExpansion(clock.instant(), "expander", SETTINGS)).isEmpty();
        assertThat(queue.claim(TENANT, clock.instant(), "b", 64, SETTINGS).deliveries()).isEmpty();

        for (String queued : List.of("scheduled", "due", "leases", "owners", "busy")) {
            assertThat(TestRedis.contentOf(redis).getOrDefault(key(queued), "")).as(queued).doesNotContain("expired-");
        }
        assertThat(redis.zrange(key("scheduled"), 0, -1)).containsExactly("later");
        assertThat(queue.activeTenants()).containsExactly(TENANT);
    }

    /**
     * "expired-sent": five recipients queued, one delivered, one to try again in an hour, one in flight, two due
     * (the tenant's window allows three); "expired-waiting": never queued (no instance got to it); "later": to be
     * sent in two retentions' time, so waiting, and within its retention, throughout.
     */
    private void queueTwoThatExpireAndOneThatDoesNot() {
        Instant now = clock.instant();
        DeliverySettings threeASecond = new DeliverySettings(3, Duration.ofMillis(25), Duration.ofSeconds(60), 64,
                Duration.ofSeconds(5), 100);
        queue.schedule(new Broadcast("expired-sent", TENANT, "time-to-talk", Audience.everyoneReachable(), now));
        queue.claimExpansion(now, "expander", SETTINGS).orElseThrow();
        assertThat(queue.addRecipients("expired-sent", "expander", List.of("p1", "p2", "p3", "p4", "p5"), "", true, 0,
                now, SETTINGS)).isTrue();
        List<Delivery> claimed = queue.claim(TENANT, now, "a", 64, threeASecond).deliveries();
        assertThat(claimed).hasSize(3);
        queue.settle(claimed.get(0), "a", Settlement.DELIVERED, now);
        queue.retry(claimed.get(1), "a", now.plus(Duration.ofHours(1)), Optional.empty(), now);
        queue.schedule(new Broadcast("expired-waiting", TENANT, "time-to-talk", Audience.everyoneReachable(), now));
        queue.schedule(new Broadcast("later", TENANT, "time-to-talk", Audience.everyoneReachable(),
                now.plus(RETENTION.multipliedBy(2))));
        assertThat(redis.zcard(key("due"))).isEqualTo(3);
        assertThat(redis.zcard(key("leases"))).isEqualTo(1);
        assertThat(redis.zrange(key("scheduled"), 0, -1)).containsExactlyInAnyOrder("expired-waiting", "later");
    }

    /** A record saved before records had a lifetime gets one at start-up; one already past it goes. */
    @Test
    void recordsSavedBeforeTheRetentionGetTheirLifetimeAtStartUp() {
        queue.schedule(new Broadcast("old", TENANT, "time-to-talk", Audience.everyoneReachable(),
                clock.instant().minus(Duration.ofDays(40))));
        queue.schedule(new Broadcast("recent", TENANT, "time-to-talk", Audience.everyoneReachable(),
                clock.instant().minus(Duration.ofDays(10))));
        for (String id : List.of("old", "recent")) {
            redis.hdel(record(id), "deleteAt");
            redis.hset(record(id), "created", redis.hget(record(id), "sendAt"));
            redis.persist(record(id));
        }
        redis.hset(record("recent") + ":to", "p1", "0");

        queue.keepForRetention();

        assertThat(redis.exists(record("old"))).isFalse();
        assertThat(redis.hexists(PREFIX + "bcast:{tenants}:of", "old")).isFalse();
        assertLivesAtMost(record("recent"), Duration.ofDays(20));
        assertLivesAtMost(record("recent") + ":to", Duration.ofDays(20));
        assertThat(redis.pttl(record("recent"))).isGreaterThan(Duration.ofDays(19).toMillis());
        assertThat(queue.broadcastIds()).containsExactly("recent");
    }

    private void assertLivesAtMost(String key, Duration bound) {
        assertThat(redis.pttl(key)).as("%s lives", key).isPositive().isLessThanOrEqualTo(bound.toMillis());
    }

    private static String key(String suffix) {
        return PREFIX + "bcast:{" + BroadcastKeys.tag(TENANT) + "}:" + suffix;
    }

    private static String record(String id) {
        return PREFIX + "bcast:{" + BroadcastKeys.tag(TENANT) + "}:b:" + id;
    }
}
