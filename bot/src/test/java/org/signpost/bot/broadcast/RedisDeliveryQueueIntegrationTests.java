package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.Delivery;
import org.signpost.dialogs.broadcast.DeliveryQueue;
import org.signpost.dialogs.broadcast.DeliveryQueueContract;
import org.signpost.dialogs.broadcast.Progress;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis queue (its Lua scripts) keeps the same contract as the plain reading in memory, and its rate
 * permit moves a claim's place in the window to the moment of the post.
 */
class RedisDeliveryQueueIntegrationTests extends DeliveryQueueContract {

    @RegisterExtension
    static final TestRedis.PerClass redis = TestRedis.perClassEmptiedBeforeEach();
    private RedisDeliveryQueue queue;

    @BeforeEach
    void emptyQueue() {
        queue = new RedisDeliveryQueue(redis.client(), "signpost:", Duration.ofDays(365), clock);
    }

    @Override
    protected DeliveryQueue queue() {
        return queue;
    }

    private void queued(int people) {
        queue.schedule(new Broadcast("b1", TENANT, "announcement", Audience.everyoneReachable(), clock.instant()));
        queue.claimExpansion(clock.instant(), "expander", SETTINGS).orElseThrow();
        queue.addRecipients("b1", "expander", IntStream.range(0, people).mapToObj(i -> "person-" + i).toList(), "",
                true, 0, clock.instant(), SETTINGS);
    }

    private List<Delivery> claim(String owner) {
        return queue.claim(TENANT, clock.instant(), owner, 64, SETTINGS).deliveries();
    }

    private boolean permit(Delivery delivery, String owner) {
        return queue.permit(delivery, owner, clock.instant(), SETTINGS);
    }

    @Test
    void aPermitCountsTheClaimsPlaceFromThePost() {
        queued(40);
        List<Delivery> first = claim("a");
        assertThat(first).hasSize(30);
        clock.advance(Duration.ofMillis(500));
        assertThat(first).allMatch(delivery -> permit(delivery, "a"));
        first.forEach(d -> queue.settle(d, "a", DeliveryQueue.Settlement.DELIVERED, clock.instant()));

        clock.advance(SETTINGS.window().minusMillis(1));
        assertThat(claim("a")).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(claim("a")).hasSize(10);
    }

    @Test
    void aClaimThatStalledPastItsWindowIsNotPostedIntoAFullWindow() {
        queued(60);
        List<Delivery> stalled = claim("a");
        clock.advance(SETTINGS.window());
        List<Delivery> fresh = claim("b");
        assertThat(fresh).hasSize(30);
        assertThat(fresh).allMatch(delivery -> permit(delivery, "b"));
        assertThat(stalled).noneMatch(delivery -> permit(delivery, "a"));

        queue.settle(fresh.get(0), "b", DeliveryQueue.Settlement.DELIVERED, clock.instant());
        clock.advance(SETTINGS.window());
        assertThat(permit(stalled.get(0), "b")).as("not the lease's owner").isFalse();
        assertThat(permit(stalled.get(0), "a")).as("a place is free again").isTrue();
    }

    @Test
    void noPermitWhileTheTenantIsPaused() {
        queued(2);
        List<Delivery> claimed = claim("a");
        queue.retry(claimed.get(0), "a", clock.instant().plusSeconds(1), Optional.of(clock.instant().plusSeconds(1)),
                clock.instant());
        assertThat(permit(claimed.get(1), "a")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(permit(claimed.get(1), "a")).isTrue();
    }

    /**
     * Nothing of a tenant's outlives its use: a pause ends with itself, the rate window's key lives a lease and a
     * window past its last place at most, and the tenant leaves the list with its last announcement.
     */
    @Test
    void nothingOfATenantLingersOnceItsUseIsOver() {
        UnifiedJedis client = redis.client();
        BroadcastKeys keys = new BroadcastKeys("signpost:");
        String pause = keys.key(TENANT, "pause");
        String slots = keys.key(TENANT, "slots");
        long windowKeyLifetime = SETTINGS.lease().plus(SETTINGS.window()).toMillis();
        queued(2);
        List<Delivery> claimed = claim("a");
        assertThat(claimed).allMatch(delivery -> permit(delivery, "a"));
        queue.retry(claimed.get(0), "a", clock.instant().plusSeconds(5), Optional.of(clock.instant().plusSeconds(5)),
                clock.instant());
        queue.settle(claimed.get(1), "a", DeliveryQueue.Settlement.DELIVERED, clock.instant());
        assertThat(client.pttl(pause)).as("a pause lives until it ends").isPositive().isLessThanOrEqualTo(5_000);
        assertThat(client.pttl(slots)).isPositive().isLessThanOrEqualTo(windowKeyLifetime);

        clock.advance(Duration.ofSeconds(5));
        List<Delivery> again = claim("a");
        assertThat(client.exists(pause)).as("a pause that has ended").isFalse();
        assertThat(again).singleElement().matches(delivery -> permit(delivery, "a"));
        queue.settle(again.get(0), "a", DeliveryQueue.Settlement.DELIVERED, clock.instant());
        assertThat(client.pttl(slots)).isPositive().isLessThanOrEqualTo(windowKeyLifetime);
        assertThat(client.smembers(keys.tenants())).containsExactly(TENANT);

        clock.advance(Duration.ofDays(366));
        queue.keepForRetention();
        assertThat(client.smembers(keys.tenants())).as("a tenant with nothing kept").isEmpty();
        assertThat(client.hlen(keys.owners())).isZero();
        queue.schedule(new Broadcast("b2", TENANT, "announcement", Audience.everyoneReachable(), clock.instant()));
        assertThat(client.smembers(keys.tenants())).containsExactly(TENANT);
        queue.keepForRetention();
        assertThat(client.smembers(keys.tenants())).as("kept while it has an announcement").containsExactly(TENANT);
    }

    /**
     * A tenant leaves the list of tenants at the dispatcher's first pass once its last kept announcement's
     * retention has ended (on the app's clock, with no listing and no restart), not a moment before; another
     * tenant still keeping one stays until its own ends.
     */
    @Test
    void aTenantLeavesAtTheFirstPassAfterItsLastAnnouncementsRetentionEnds() {
        UnifiedJedis client = redis.client();
        BroadcastKeys keys = new BroadcastKeys("signpost:");
        queued(1);
        List<Delivery> claimed = claim("a");
        assertThat(claimed).singleElement().matches(delivery -> permit(delivery, "a"));
        queue.settle(claimed.get(0), "a", DeliveryQueue.Settlement.DELIVERED, clock.instant());
        Instant firstEnds = clock.instant().plus(Duration.ofDays(365));
        clock.advance(Duration.ofDays(10));
        queue.schedule(new Broadcast("b2", "tenant-2", "announcement", Audience.everyoneReachable(), clock.instant()));
        Instant secondEnds = clock.instant().plus(Duration.ofDays(365));
        assertThat(client.get(keys.key("tenant-2", "until"))).isEqualTo(Long.toString(secondEnds.toEpochMilli()));
        assertThat(client.pttl(keys.key("tenant-2", "until"))).as("it lives no longer than the retention it names")
                .isPositive().isLessThanOrEqualTo(Duration.ofDays(365).toMillis());
        assertThat(queue.activeTenants()).containsExactly("tenant-2");

        clock.advance(Duration.between(clock.instant(), firstEnds).minusMillis(1));
        queue.activeTenants();
        assertThat(client.smembers(keys.tenants())).containsExactlyInAnyOrder(TENANT, "tenant-2");
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.activeTenants()).containsExactly("tenant-2");
        assertThat(client.smembers(keys.tenants())).as("the pass as the retention ends").containsExactly("tenant-2");
        assertThat(client.hkeys(keys.owners())).containsExactly("b2");
        assertThat(client.exists(keys.key(TENANT, "all"), keys.key(TENANT, "until"))).isZero();

        clock.advance(Duration.between(clock.instant(), secondEnds));
        assertThat(queue.activeTenants()).isEmpty();
        assertThat(client.smembers(keys.tenants())).isEmpty();
        assertThat(client.hlen(keys.owners())).isZero();
    }

    @Test
    void aSettlementCountsWhateverTheMachinesLocale() {
        // in Turkish, "DELIVERED".toLowerCase() is "delıvered" (a dotless ı): the count went to a field no one reads
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            queued(2);
            List<Delivery> claimed = claim("a");
            assertThat(claimed).allMatch(delivery -> permit(delivery, "a"));
            queue.settle(claimed.get(0), "a", DeliveryQueue.Settlement.DELIVERED, clock.instant());
            queue.settle(claimed.get(1), "a", DeliveryQueue.Settlement.FAILED, clock.instant());
        } finally {
            Locale.setDefault(before);
        }
        assertThat(queue.progress("b1").orElseThrow()).extracting(Progress::delivered, Progress::failed,
                Progress::pending).containsExactly(1L, 1L, 0L);
    }
}
