package org.signpost.bot.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bot's own pool for turns: a fixed number of threads and a bounded queue. A turn runs on one of its
 * threads from start to end (Redis, understanding, replies), so a slow Redis or connector holds at most
 * these threads, and the SDK's small shared pool is never where a turn waits.
 */
final class TurnExecutor implements AutoCloseable {

    /** No thread and no place in the queue: the request is refused at once rather than left to time out. */
    static final class BusyException extends RejectedExecutionException {
        BusyException() {
            super("Every turn thread is busy and the queue is full");
        }
    }

    private final ThreadPoolExecutor pool;

    TurnExecutor(TurnSettings settings, MeterRegistry registry) {
        AtomicInteger number = new AtomicInteger();
        // a queue with a lock at each end: the request threads putting turns in and the turn threads taking
        // them out do not wait on each other (one lock for both queued them on it under load, docs/benchmarks.md)
        pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                settings.queue() == 0 ? new SynchronousQueue<>()
                        : new LinkedBlockingQueue<>(settings.queue()),
                runnable -> {
                    Thread thread = new Thread(runnable, "turn-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        new ExecutorServiceMetrics(pool, "signpost.turns", List.of()).bindTo(registry);
    }

    /** Runs the turn on a turn thread; its future completes when the turn's own does. */
    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> turn) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    turn.get().whenComplete((value, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException full) {
            result.completeExceptionally(new BusyException());
        }
        return result;
    }

    ExecutorService executor() {
        return pool;
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
