package org.signpost.bot.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The bot's own bound on turns: at most {@code threads} run at once, at most {@code queue} more wait for one of
 * them, and a turn runs on the thread that asked (a request's own), from start to end. Handing each turn to a pool
 * of its own cost about one thread switch and 11–24 µs of CPU a turn (docs/benchmarks.md). The bound, not the
 * thread, is what keeps a slow Redis or connector from holding more than this many threads, and the SDK's small
 * shared pool is never where a turn waits.
 */
final class TurnSlots {

    /** No slot and no place to wait: the request is refused at once rather than left to time out. */
    static final class BusyException extends RejectedExecutionException {
        BusyException() {
            super("Every turn slot is taken and so is every place to wait for one");
        }
    }

    /** The request's time ran out while its turn waited for a slot (or for its identity): it never ran. */
    static final class LateException extends RejectedExecutionException {
        LateException() {
            super("The turn waited past the request timeout");
        }
    }

    private final int threads;
    private final int inFlightLimit;
    private final long timeoutNanos;
    private final Semaphore running;
    private final AtomicInteger inFlight = new AtomicInteger();

    TurnSlots(TurnSettings settings, MeterRegistry registry) {
        this.threads = settings.threads();
        this.inFlightLimit = settings.threads() + settings.queue();
        this.timeoutNanos = settings.requestTimeout().toNanos();
        this.running = new Semaphore(threads);
        Gauge.builder("signpost.turns.active", this, TurnSlots::active)
                .description("Turns running now (at most signpost.turns.threads)").register(registry);
        Gauge.builder("signpost.turns.waiting", this, slots -> Math.max(0, slots.inFlight.get() - slots.active()))
                .description("Turns waiting for a slot (at most signpost.turns.queue)").register(registry);
    }

    /** When a request received now must have its answer (System.nanoTime()). */
    long deadline() {
        return System.nanoTime() + timeoutNanos;
    }

    /**
     * Runs the turn on this thread once {@code admitted} (the caller's identity) is known and a slot is free,
     * waiting for neither past {@code deadline}; its future completes when the turn's own does, and the slot is
     * then free again. Fails at once with {@link BusyException} when the turns in flight are at their limit.
     */
    <I, T> CompletableFuture<T> run(CompletableFuture<I> admitted, long deadline,
            Function<I, CompletableFuture<T>> turn) {
        if (!enter()) {
            return CompletableFuture.failedFuture(new BusyException());
        }
        boolean slot = false;
        CompletableFuture<T> result = null;
        try {
            // almost always known already (a token seen before); a new one may still be checked elsewhere
            I identity = admitted.get(remaining(deadline), TimeUnit.NANOSECONDS);
            slot = running.tryAcquire() || running.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS);
            if (!slot) {
                return CompletableFuture.failedFuture(new LateException());
            }
            result = turn.apply(identity);
            return result.whenComplete((done, error) -> leave(true));
        } catch (ExecutionException e) {
            return CompletableFuture.failedFuture(e.getCause());
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(new LateException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            if (result == null) {
                leave(slot);
            }
        }
    }

    private boolean enter() {
        for (int now = inFlight.get(); now < inFlightLimit; now = inFlight.get()) {
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    private void leave(boolean slot) {
        if (slot) {
            running.release();
        }
        inFlight.decrementAndGet();
    }

    private int active() {
        return threads - running.availablePermits();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
