package org.signpost.bot.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.signpost.dialogs.broadcast.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dispatcher on a thread of its own: a pass, then sleep until the moment it named, or until a
 * send settles and frees a slot. All that matters is in the queue, so stopping (or dying) at any moment
 * loses nothing.
 */
public final class DeliveryScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
    private static final Duration AFTER_A_FAILURE = Duration.ofSeconds(1);

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Object lock = new Object();
    private final Thread thread;
    private boolean nudged;
    private volatile boolean running = true;

    public DeliveryScheduler(Dispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.thread = new Thread(this::run, "broadcast-scheduler");
        this.thread.setDaemon(true);
        dispatcher.onSettled(this::nudge);
    }

    public DeliveryScheduler start() {
        thread.start();
        return this;
    }

    /** Look again now (a send settled, or a broadcast was scheduled or cancelled). */
    public void nudge() {
        synchronized (lock) {
            nudged = true;
            lock.notifyAll();
        }
    }

    private void run() {
        while (running) {
            Instant wake;
            try {
                wake = dispatcher.tick();
            } catch (RuntimeException e) {
                // Redis unreachable, say: nothing is lost, the queue is where it was
                log.warn("Broadcast delivery paused after an error: {}", e.getClass().getSimpleName());
                wake = clock.instant().plus(AFTER_A_FAILURE);
            }
            synchronized (lock) {
                long wait = Duration.between(clock.instant(), wake).toMillis();
                if (!nudged && wait > 0 && running) {
                    try {
                        lock.wait(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                nudged = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        nudge();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
