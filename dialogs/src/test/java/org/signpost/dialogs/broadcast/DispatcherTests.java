package org.signpost.dialogs.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.broadcast.Simulation.Answer;
import org.signpost.dialogs.broadcast.Simulation.Sent;

/**
 * The delivery engine with the queue's rules in memory, a scripted connector and a moved clock: every
 * recipient gets one message, within the rate, through throttling, refusals, slow answers and an instance
 * stopping mid-broadcast.
 */
class DispatcherTests {

    private static final DeliverySettings SETTINGS = new DeliverySettings(30, Duration.ofMillis(25),
            Duration.ofSeconds(60), 64, Duration.ofSeconds(5), 250);
    private static final String TENANT = "tenant-1";

    private final Simulation simulation = new Simulation(SETTINGS, 1000, 7);

    private Broadcast broadcastNow(String id) {
        Broadcast broadcast = new Broadcast(id, TENANT, "announcement", Audience.everyoneReachable(),
                simulation.clock.instant());
        simulation.queue.schedule(broadcast);
        return broadcast;
    }

    private Progress progress(String id) {
        return simulation.queue.progress(id).orElseThrow();
    }

    private Map<String, Long> sendsPerRecipient() {
        return simulation.sent.stream().collect(Collectors.groupingBy(Sent::recipient, Collectors.counting()));
    }

    @Test
    void everyoneGetsExactlyOneMessageAtTheConfiguredRate() {
        broadcastNow("b1");
        simulation.start("a");
        Instant started = simulation.clock.instant();

        simulation.runToEnd();

        assertThat(sendsPerRecipient()).hasSize(1000).allSatisfy((recipient, sends) -> assertThat(sends).isOne());
        assertThat(simulation.mostSendsInAnyWindow(DeliverySettings.WINDOW)).isLessThanOrEqualTo(30);
        assertThat(progress("b1")).extracting(Progress::state, Progress::delivered, Progress::pending,
                Progress::optedOut).containsExactly(BroadcastState.DONE, 1000L, 0L, 7L);
        // the rate is used, not just respected: 1,000 at 30 per 1.025 s take about 34 s of the moved clock
        Duration took = Duration.between(started, simulation.sent.get(999).at());
        assertThat(took).isBetween(Duration.ofSeconds(33), Duration.ofSeconds(35));
    }

    @Test
    void aPostToChannelsOnlyCountsNobodyAsOptedOut() {
        simulation.queue.schedule(new Broadcast("c1", TENANT, "announcement", new Audience(false,
                List.of("channel-a", "channel-b")), simulation.clock.instant()));
        simulation.start("a");

        simulation.runToEnd();

        assertThat(progress("c1")).extracting(Progress::state, Progress::recipients, Progress::delivered,
                Progress::optedOut).containsExactly(BroadcastState.DONE, 2L, 2L, 0L);
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterAndHoldsTheWholeTenant() {
        broadcastNow("b1");
        simulation.start("a");
        simulation.answer((delivery, nth) -> nth % 100 == 0 && delivery.attempts() == 0
                ? Answer.after(Duration.ofMillis(50), new SendResult.TryAgain(429, Optional.of(Duration.ofSeconds(3))))
                : Answer.after(Duration.ofMillis(50), new SendResult.Delivered()));

        simulation.runToEnd();

        assertThat(progress("b1")).extracting(Progress::delivered, Progress::failed).containsExactly(1000L, 0L);
        List<Sent> throttled = simulation.sent.stream().filter(s -> s.attempts() == 1).toList();
        assertThat(throttled).hasSize(10);
        for (Sent retry : throttled) {
            Sent first = simulation.sent.stream().filter(s -> s.recipient().equals(retry.recipient())
                    && s.attempts() == 0).findFirst().orElseThrow();
            Instant answered = first.at().plusMillis(50);
            assertThat(retry.at()).isAfterOrEqualTo(answered.plusSeconds(3));
            // nothing else went to the tenant while it was asked to wait
            assertThat(simulation.sent).noneMatch(s -> s.at().isAfter(answered) && s.at().isBefore(answered.plusSeconds(3)));
        }
        assertThat(simulation.mostSendsInAnyWindow(DeliverySettings.WINDOW)).isLessThanOrEqualTo(30);
    }

    @Test
    void aBlockedPersonIsForgottenAndOtherFailuresAreCounted() {
        broadcastNow("b1");
        simulation.start("a");
        List<String> everyone = simulation.everyone();
        simulation.answer((delivery, nth) -> {
            String who = delivery.recipient();
            if (who.equals(everyone.get(1))) {
                return Answer.after(Duration.ofMillis(20), new SendResult.Gone());
            } else if (who.equals(everyone.get(2))) {
                return Answer.after(Duration.ofMillis(20), new SendResult.Failed(500));
            } else if (who.equals(everyone.get(3))) {
                return Answer.after(Duration.ofMillis(20), new SendResult.TryAgain(502, Optional.empty()));
            } else if (who.equals(everyone.get(4))) {
                return Answer.after(Duration.ofSeconds(9), new SendResult.MaybeSent());
            } else if (who.equals(everyone.get(5))) {
                return Answer.after(Duration.ofMillis(20), new SendResult.NoReference());
            }
            return Answer.after(Duration.ofMillis(20), new SendResult.Delivered());
        });

        simulation.runToEnd();

        assertThat(simulation.forgotten).containsExactly(everyone.get(1));
        Map<String, Long> sends = sendsPerRecipient();
        assertThat(sends.get(everyone.get(1))).isOne();
        assertThat(sends.get(everyone.get(2))).isOne();
        assertThat(sends.get(everyone.get(3))).as("502 retried until the backoff gives up").isEqualTo(4);
        assertThat(sends.get(everyone.get(4))).as("maybe posted: never sent again").isOne();
        assertThat(progress("b1")).extracting(Progress::delivered, Progress::gone, Progress::failed,
                Progress::unknown, Progress::pending).containsExactly(995L, 2L, 2L, 1L, 0L);
    }

    @Test
    void aClaimThatWentStaleBeforeLeavingIsClaimedAgainNotCountedAsFailed() {
        broadcastNow("b1");
        simulation.start("a");
        String stale = simulation.everyone().get(10);
        simulation.answer((delivery, nth) -> delivery.recipient().equals(stale) && delivery.attempts() == 0
                ? Answer.after(Duration.ZERO, new SendResult.Late())
                : Answer.after(Duration.ofMillis(20), new SendResult.Delivered()));

        simulation.runToEnd();

        assertThat(progress("b1")).extracting(Progress::delivered, Progress::failed).containsExactly(1000L, 0L);
        assertThat(simulation.sent).filteredOn(s -> s.recipient().equals(stale)).extracting(Sent::attempts)
                .containsExactly(0, 1);
    }

    @Test
    void slowAnswersNeverPutTwoMessagesInFlightToOneConversation() {
        broadcastNow("b1");
        broadcastNow("b2");
        simulation.start("a");
        simulation.answer((delivery, nth) -> Answer.after(Duration.ofSeconds(2), new SendResult.Delivered()));

        simulation.runToEnd();

        Map<String, List<Sent>> byRecipient = simulation.sent.stream().collect(Collectors.groupingBy(Sent::recipient));
        assertThat(byRecipient).hasSize(1000).allSatisfy((recipient, sends) -> {
            assertThat(sends).hasSize(2);
            assertThat(Duration.between(sends.get(0).at(), sends.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        });
        assertThat(progress("b1").delivered() + progress("b2").delivered()).isEqualTo(2000);
    }

    @Test
    void anInstanceStoppedMidBroadcastLeavesOnlyItsMessagesInFlightUnknownAndLosesNothing() {
        broadcastNow("b1");
        simulation.start("a");
        simulation.start("b");
        simulation.answer((delivery, nth) -> Answer.after(Duration.ofMillis(300), new SendResult.Delivered()));
        simulation.runUntil(simulation.clock.instant().plusSeconds(10));
        while (simulation.instances.get("a").inFlight() == 0) {
            simulation.runUntil(simulation.clock.instant().plusMillis(50));
        }

        // "a" is killed: the sends it has in flight never answer
        int inFlightAtCrash = simulation.instances.get("a").inFlight();
        simulation.kill("a");
        simulation.runToEnd();

        Progress progress = progress("b1");
        assertThat(inFlightAtCrash).isPositive();
        assertThat(progress.unknown()).isEqualTo(inFlightAtCrash);
        assertThat(progress.delivered() + progress.unknown()).isEqualTo(1000);
        assertThat(sendsPerRecipient()).hasSize(1000).allSatisfy((recipient, sends) -> assertThat(sends).isOne());
        assertThat(progress.state()).isEqualTo(BroadcastState.DONE);
    }

    @Test
    void twoInstancesShareABroadcastWithoutDoubleSends() {
        broadcastNow("b1");
        simulation.start("a");
        simulation.start("b");

        simulation.runToEnd();

        assertThat(sendsPerRecipient()).hasSize(1000).allSatisfy((recipient, sends) -> assertThat(sends).isOne());
        assertThat(simulation.sent.stream().collect(Collectors.groupingBy(Sent::instance, Collectors.counting())))
                .containsOnlyKeys("a", "b");
        assertThat(simulation.mostSendsInAnyWindow(DeliverySettings.WINDOW)).isLessThanOrEqualTo(30);
    }

    @Test
    void aScheduledBroadcastGoesAtItsTimeAndACancelledOneNever() {
        Instant nineTomorrow = simulation.clock.instant().plus(Duration.ofHours(24));
        simulation.queue.schedule(new Broadcast("later", TENANT, "announcement", Audience.everyoneReachable(),
                nineTomorrow));
        simulation.queue.schedule(new Broadcast("called-off", TENANT, "announcement", Audience.everyoneReachable(),
                nineTomorrow));
        simulation.start("a");
        simulation.runUntil(nineTomorrow.minusSeconds(1));
        assertThat(simulation.sent).isEmpty();

        assertThat(simulation.queue.cancel("called-off", simulation.clock.instant())).isTrue();
        simulation.runToEnd();

        assertThat(simulation.sent).allMatch(s -> s.broadcastId().equals("later") && !s.at().isBefore(nineTomorrow))
                .hasSize(1000);
        assertThat(progress("called-off")).extracting(Progress::state, Progress::recipients)
                .containsExactly(BroadcastState.CANCELLED, 0L);
    }

    @Test
    void channelsAloneGetOneMessageEach() {
        simulation.queue.schedule(new Broadcast("channels", TENANT, "announcement",
                new Audience(false, List.of("channel-a", "channel-b")), simulation.clock.instant()));
        simulation.start("a");

        simulation.runToEnd();

        assertThat(simulation.sent).extracting(Sent::recipient).containsExactlyInAnyOrder("channel-a", "channel-b");
        assertThat(progress("channels").delivered()).isEqualTo(2);
    }

}
