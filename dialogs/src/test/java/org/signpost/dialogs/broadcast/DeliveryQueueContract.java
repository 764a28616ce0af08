package org.signpost.dialogs.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.broadcast.DeliveryQueue.Claim;
import org.signpost.dialogs.broadcast.DeliveryQueue.Expansion;
import org.signpost.dialogs.broadcast.DeliveryQueue.Settlement;
import org.signpost.dialogs.kernel.MutableClock;

/**
 * The queue's contract, run against every implementation (in memory here, Redis in the bot): claims
 * within the rate, one message in flight per conversation, leases, unknown after a crash, retries and
 * pauses, cancel, and recipients added at most once. Time is moved, never waited for.
 */
public abstract class DeliveryQueueContract {

    protected static final DeliverySettings SETTINGS = new DeliverySettings(30, Duration.ofMillis(25),
            Duration.ofSeconds(60), 64, Duration.ofSeconds(5), 100);
    protected static final String TENANT = "tenant-1";

    protected final MutableClock clock = new MutableClock();

    protected abstract DeliveryQueue queue();

    private Broadcast broadcast(String id, Instant at) {
        return new Broadcast(id, TENANT, "announcement-" + id, Audience.everyoneReachable(), at);
    }

    /** Schedules a broadcast due now and queues these recipients, as one instance. */
    private Broadcast queued(String id, List<String> recipients) {
        Broadcast broadcast = broadcast(id, clock.instant());
        queue().schedule(broadcast);
        Expansion expansion = queue().claimExpansion(clock.instant(), "expander", SETTINGS).orElseThrow();
        assertThat(expansion.broadcast()).isEqualTo(broadcast);
        assertThat(queue().addRecipients(id, "expander", recipients, "", true, 0, clock.instant(), SETTINGS)).isTrue();
        return broadcast;
    }

    private static List<String> people(int count) {
        return IntStream.range(0, count).mapToObj(i -> "person-" + i).toList();
    }

    @Test
    void aBroadcastKeepsItsAuthorsWordsExactlyAndOneWithoutWordsHasNone() {
        String words = "  Line one: **quiet rooms** [plan](http://x.example)\nLine two: \"trained\" & more <b>é</b>  ";
        Broadcast worded = new Broadcast("w1", TENANT, "you-said-we-did", words, Audience.everyoneReachable(),
                clock.instant());
        queue().schedule(worded);
        queue().schedule(new Broadcast("w1", TENANT, "you-said-we-did", "other words", Audience.everyoneReachable(),
                clock.instant()));
        queue().schedule(broadcast("w2", clock.instant()));
        assertThat(queue().broadcast("w1").orElseThrow()).isEqualTo(worded);
        assertThat(queue().broadcast("w1").orElseThrow().text()).isEqualTo(words);
        assertThat(queue().broadcast("w2").orElseThrow().text()).isEmpty();
        assertThat(queue().claimExpansion(clock.instant(), "expander", SETTINGS).orElseThrow().broadcast().text())
                .isIn(words, "");
    }

    @Test
    void claimsNeverExceedTheRateInAnyWindowAndEveryMessageIsClaimedOnce() {
        queued("b1", people(200));
        List<Instant> claimTimes = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (int step = 0; step < 2000 && claimed.size() < 200; step++) {
            Claim claim = queue().claim(TENANT, clock.instant(), "instance-a", 64, SETTINGS);
            for (Delivery delivery : claim.deliveries()) {
                assertThat(claimed.add(delivery.recipient())).as("claimed once").isTrue();
                claimTimes.add(clock.instant());
                queue().settle(delivery, "instance-a", Settlement.DELIVERED, clock.instant());
            }
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(claimed).hasSize(200);
        for (Instant start : claimTimes) {
            Instant end = start.plus(DeliverySettings.WINDOW);
            assertThat(claimTimes.stream().filter(t -> !t.isBefore(start) && t.isBefore(end)).count())
                    .isLessThanOrEqualTo(30);
        }
        assertThat(queue().progress("b1").orElseThrow()).extracting(Progress::state, Progress::delivered,
                Progress::pending).containsExactly(BroadcastState.DONE, 200L, 0L);
    }

    @Test
    void whenTheWindowIsFullTheClaimSaysWhenItFrees() {
        queued("b1", people(40));
        Claim first = queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS);
        assertThat(first.deliveries()).hasSize(30);
        first.deliveries().forEach(d -> queue().settle(d, "a", Settlement.DELIVERED, clock.instant()));
        assertThat(first.wakeAt()).contains(clock.instant().plus(SETTINGS.window()));

        clock.advance(SETTINGS.window().minusMillis(1));
        assertThat(queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS).deliveries()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS).deliveries()).hasSize(10);
    }

    @Test
    void aConversationNeverHasTwoMessagesInFlight() {
        queued("b1", List.of("same-chat"));
        queued("b2", List.of("same-chat"));
        Claim first = queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS);
        assertThat(first.deliveries()).hasSize(1);
        assertThat(queue().claim(TENANT, clock.instant(), "b", 64, SETTINGS).deliveries()).isEmpty();

        queue().settle(first.deliveries().get(0), "a", Settlement.DELIVERED, clock.instant());
        Claim second = queue().claim(TENANT, clock.instant(), "b", 64, SETTINGS);
        assertThat(second.deliveries()).extracting(Delivery::broadcastId)
                .doesNotContain(first.deliveries().get(0).broadcastId()).hasSize(1);
    }

    @Test
    void twoInstancesNeverClaimTheSameMessage() {
        queued("b1", people(30));
        List<Delivery> a = queue().claim(TENANT, clock.instant(), "a", 10, SETTINGS).deliveries();
        List<Delivery> b = queue().claim(TENANT, clock.instant(), "b", 64, SETTINGS).deliveries();
        assertThat(a).hasSize(10);
        assertThat(b).hasSize(20).doesNotContainAnyElementsOf(a);

        // only the lease's owner settles a message
        queue().settle(a.get(0), "b", Settlement.FAILED, clock.instant());
        assertThat(queue().progress("b1").orElseThrow().failed()).isZero();
    }

    @Test
    void aLeaseThatRunsOutCountsItsMessageAsUnknownAndNeverSendsItAgain() {
        queued("b1", people(3));
        List<Delivery> crashed = queue().claim(TENANT, clock.instant(), "crashed", 2, SETTINGS).deliveries();
        assertThat(crashed).hasSize(2);

        clock.advance(SETTINGS.lease());
        List<Delivery> next = queue().claim(TENANT, clock.instant(), "survivor", 64, SETTINGS).deliveries();
        assertThat(next).hasSize(1).doesNotContainAnyElementsOf(crashed);
        queue().settle(next.get(0), "survivor", Settlement.DELIVERED, clock.instant());
        // the stopped instance's late answer changes nothing: its messages are unknown for good
        queue().settle(crashed.get(0), "crashed", Settlement.DELIVERED, clock.instant());

        Progress progress = queue().progress("b1").orElseThrow();
        assertThat(progress).extracting(Progress::unknown, Progress::delivered, Progress::pending, Progress::state)
                .containsExactly(2L, 1L, 0L, BroadcastState.DONE);
        clock.advance(Duration.ofMinutes(5));
        assertThat(queue().claim(TENANT, clock.instant(), "survivor", 64, SETTINGS).deliveries()).isEmpty();
    }

    @Test
    void aRetryComesBackAtItsTimeAndAPauseHoldsTheWholeTenant() {
        queued("b1", people(2));
        List<Delivery> claimed = queue().claim(TENANT, clock.instant(), "a", 1, SETTINGS).deliveries();
        Delivery throttled = claimed.get(0);
        Instant later = clock.instant().plusSeconds(3);
        queue().retry(throttled, "a", later, Optional.of(later), clock.instant());

        Claim paused = queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS);
        assertThat(paused.deliveries()).isEmpty();
        assertThat(paused.wakeAt()).contains(later);

        clock.advance(Duration.ofSeconds(3));
        List<Delivery> resumed = queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS).deliveries();
        assertThat(resumed).hasSize(2);
        assertThat(resumed).filteredOn(d -> d.recipient().equals(throttled.recipient()))
                .extracting(Delivery::attempts).containsExactly(1);
    }

    @Test
    void aScheduledBroadcastWaitsForItsTime() {
        queue().schedule(broadcast("later", clock.instant().plusSeconds(3600)));
        assertThat(queue().claimExpansion(clock.instant(), "a", SETTINGS)).isEmpty();
        assertThat(queue().progress("later").orElseThrow().state()).isEqualTo(BroadcastState.SCHEDULED);
        // scheduling again changes nothing
        queue().schedule(broadcast("later", clock.instant()));
        assertThat(queue().claimExpansion(clock.instant(), "a", SETTINGS)).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(queue().claimExpansion(clock.instant(), "a", SETTINGS)).isPresent();
    }

    @Test
    void cancelStopsWhatIsNotSentAndLetsWhatIsInFlightSettle() {
        queued("b1", people(50));
        List<Delivery> inFlight = queue().claim(TENANT, clock.instant(), "a", 5, SETTINGS).deliveries();
        assertThat(queue().cancel("b1", clock.instant())).isTrue();
        inFlight.forEach(d -> queue().settle(d, "a", Settlement.DELIVERED, clock.instant()));
        clock.advance(Duration.ofSeconds(5));

        assertThat(queue().claim(TENANT, clock.instant(), "a", 64, SETTINGS).deliveries()).isEmpty();
        assertThat(queue().progress("b1").orElseThrow()).extracting(Progress::state, Progress::delivered,
                Progress::cancelled, Progress::pending).containsExactly(BroadcastState.CANCELLED, 5L, 45L, 0L);
        assertThat(queue().cancel("b1", clock.instant())).isFalse();
    }

    @Test
    void anExpansionLeftHalfwayResumesWhereItStoppedAndNoOneIsQueuedTwice() {
        queue().schedule(broadcast("b1", clock.instant()));
        Expansion first = queue().claimExpansion(clock.instant(), "crashed", SETTINGS).orElseThrow();
        assertThat(first.cursor()).isEmpty();
        assertThat(queue().addRecipients("b1", "crashed", people(10), "page-2", false, 3, clock.instant(), SETTINGS))
                .isTrue();
        // while its claim holds, no one else expands it
        assertThat(queue().claimExpansion(clock.instant(), "survivor", SETTINGS)).isEmpty();

        clock.advance(SETTINGS.lease());
        Expansion resumed = queue().claimExpansion(clock.instant(), "survivor", SETTINGS).orElseThrow();
        assertThat(resumed.cursor()).isEqualTo("page-2");
        assertThat(queue().addRecipients("b1", "crashed", people(20), "", true, 0, clock.instant(), SETTINGS))
                .as("the stopped instance lost its claim").isFalse();
        // pages overlap (a scan may repeat names): each conversation is queued once
        assertThat(queue().addRecipients("b1", "survivor", people(20), "", true, 0, clock.instant(), SETTINGS))
                .isTrue();

        Progress progress = queue().progress("b1").orElseThrow();
        assertThat(progress.recipients()).isEqualTo(20);
        assertThat(progress.optedOut()).isEqualTo(3);
    }
}
