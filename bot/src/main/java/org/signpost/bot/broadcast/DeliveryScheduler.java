package org.signpost.bot.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.signpost.dialogs.broadcast.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pass (the dispatcher's, or the team roster passes) on a thread of its own: a pass, then sleep
 * until the moment it named, or until nudged (a send settled and freed a slot). All that matters is in
 * Redis, so stopping (or dying) at any moment loses nothing. While a pass fails (Redis unreachable, say)
 * it tries again ever less often, up to {@code longestRetry}; it says so once when the passes stop working
 * and once when they work again, naming only the kind of error.
 */
public final class DeliveryScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final String what;
    private final Supplier<Instant> pass;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final Object lock = new Object();
    private final Thread thread;
    private boolean nudged;
    private volatile boolean running = true;

    public DeliveryScheduler(Dispatcher dispatcher, Clock clock) {
        this("Broadcast delivery", dispatcher::tick, clock, FIRST_RETRY, LONGEST_RETRY);
        dispatcher.onSettled(this::nudge);
    }

    /** @param what what the passes do, for the log ("Broadcast delivery") */
    DeliveryScheduler(String what, Supplier<Instant> pass, Clock clock, Duration firstRetry, Duration longestRetry) {
        this.what = what;
        this.pass = pass;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
        this.thread = new Thread(this::run, what.toLowerCase(Locale.ROOT).replace(' ', '-'));
        this.thread.setDaemon(true);
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

    /** How long to wait after the nth failure in a row: doubling from the first retry, up to the longest. */
    static Duration retryDelay(int failures, Duration first, Duration longest) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longest) < 0 ? delay : longest;
    }

    private void run() {
        int failures = 0;
        while (running) {
            Instant wake;
            try {
                wake = pass.get();
                if (failures > 0) {
                    log.info("{} works again after {} failed attempts", what, failures);
                    failures = 0;
                }
            } catch (RuntimeException e) {
                // Redis unreachable, say: nothing is lost, the queue is where it was
                failures++;
                if (failures == 1) {
                    log.warn("{} stopped: {}; trying again less and less often until it works",
                            what, e.getClass().getSimpleName());
                }
                wake = clock.instant().plus(retryDelay(failures, firstRetry, longestRetry));
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
