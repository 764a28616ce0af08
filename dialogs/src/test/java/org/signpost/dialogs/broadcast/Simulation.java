package org.signpost.dialogs.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.signpost.dialogs.kernel.MutableClock;

/**
 * Instances, a courier whose answers are scripted (with their latency), and a moved clock: a run jumps
 * from one moment something happens to the next, so an hour of broadcasting takes milliseconds.
 */
final class Simulation {

    /** An answer and how long the connector takes to give it; empty latency: it never answers. */
    record Answer(SendResult result, Optional<Duration> latency) {
        static Answer after(Duration latency, SendResult result) {
            return new Answer(result, Optional.of(latency));
        }

        static Answer never() {
            return new Answer(new SendResult.Delivered(), Optional.empty());
        }
    }

    /** One send the connector saw. */
    record Sent(Instant at, String instance, String broadcastId, String recipient, int attempts) {
    }

    private record Due(Instant at, long order, String instance, CompletableFuture<SendResult> future,
            SendResult result) {
    }

    final MutableClock clock = new MutableClock();
    final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    final List<Sent> sent = new ArrayList<>();
    final List<String> forgotten = new ArrayList<>();
    final Map<String, Dispatcher> instances = new ConcurrentHashMap<>();
    private final PriorityQueue<Due> answers = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparing(Due::order));
    private final DeliverySettings settings;
    private final List<String> everyone;
    private final long optedOut;
    private long order;
    private final Random turns = new Random(11);
    private BiFunction<Delivery, Integer, Answer> script = (delivery, nth) ->
            Answer.after(Duration.ofMillis(200), new SendResult.Delivered());

    Simulation(DeliverySettings settings, int people, long optedOut) {
        this.settings = settings;
        this.everyone = IntStream.range(0, people).mapToObj(i -> String.format("person-%05d", i)).toList();
        this.optedOut = optedOut;
    }

    /** How the connector answers a delivery, given how many sends it has seen (1 for the first). */
    void answer(BiFunction<Delivery, Integer, Answer> script) {
        this.script = script;
    }

    List<String> everyone() {
        return everyone;
    }

    static Optional<Duration> backoff(int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade >= 4) {
            return Optional.empty();
        }
        Duration exponential = Duration.ofSeconds(1L << (attemptsMade - 1));
        return Optional.of(retryAfter.filter(asked -> asked.compareTo(exponential) > 0).orElse(exponential));
    }

    Dispatcher start(String instance) {
        Recipients recipients = new Recipients() {
            @Override
            public Page reachable(String tenant, String cursor, int count) {
                int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
                int to = Math.min(everyone.size(), from + count);
                return new Page(everyone.subList(from, to), to == everyone.size() ? "" : Integer.toString(to));
            }

            @Override
            public long optedOut(String tenant) {
                return optedOut;
            }
        };
        Courier courier = (broadcast, delivery) -> send(instance, delivery);
        Dispatcher dispatcher = new Dispatcher(queue, recipients, courier, Simulation::backoff,
                (tenant, recipient) -> forgotten.add(recipient), settings, clock, instance);
        instances.put(instance, dispatcher);
        return dispatcher;
    }

    /** The instance stops at once: its sends in flight never settle. */
    void kill(String instance) {
        instances.remove(instance);
        answers.removeIf(due -> due.instance().equals(instance));
    }

    private CompletionStage<SendResult> send(String instance, Delivery delivery) {
        sent.add(new Sent(clock.instant(), instance, delivery.broadcastId(), delivery.recipient(),
                delivery.attempts()));
        Answer answer = script.apply(delivery, sent.size());
        CompletableFuture<SendResult> future = new CompletableFuture<>();
        answer.latency().ifPresent(latency -> answers.add(new Due(clock.instant().plus(latency), order++,
                instance, future, answer.result())));
        return future;
    }

    /** Runs every live instance until nothing is left to do or the clock reaches {@code until}. */
    void runUntil(Instant until) {
        for (int step = 0; step < 2_000_000; step++) {
            Instant wake = Instant.MAX;
            // instances take turns at going first, as they would by their timing
            List<Dispatcher> live = new ArrayList<>(new TreeMap<>(instances).values());
            Collections.rotate(live, turns.nextInt(live.size() + 1));
            for (Dispatcher dispatcher : live) {
                Instant next = dispatcher.tick();
                wake = next.isBefore(wake) ? next : wake;
            }
            Instant now = clock.instant();
            // answers already due are given without moving the clock
            if (!answers.isEmpty() && !answers.peek().at().isAfter(now)) {
                answerDue(now);
                continue;
            }
            Instant next = answers.isEmpty() || wake.isBefore(answers.peek().at()) ? wake : answers.peek().at();
            if (finished() && answers.isEmpty()) {
                return;
            }
            if (next.isAfter(until)) {
                if (until.isAfter(now)) {
                    clock.advance(Duration.between(now, until));
                }
                return;
            }
            if (next.isAfter(now)) {
                clock.advance(Duration.between(now, next));
            }
            answerDue(clock.instant());
        }
        throw new AssertionError("The simulation did not settle");
    }

    void runToEnd() {
        runUntil(clock.instant().plus(Duration.ofHours(6)));
    }

    private boolean finished() {
        return queue.activeTenants().isEmpty();
    }

    private void answerDue(Instant now) {
        while (!answers.isEmpty() && !answers.peek().at().isAfter(now)) {
            Due due = answers.poll();
            due.future().complete(due.result());
        }
    }

    /** The most sends the connector saw in any window of this length. */
    int mostSendsInAnyWindow(Duration window) {
        int most = 0;
        for (int i = 0, j = 0; i < sent.size(); i++) {
            while (!sent.get(j).at().plus(window).isAfter(sent.get(i).at())) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }
}
