package org.signpost.bot.messaging;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose turn is still going at its deadline. A turn runs on the request's own thread, and Tomcat
 * has no timeout for a request whose thread is still in the servlet, so one thread of the bot's own looks at the
 * requests still unanswered (every tenth of the timeout, at most every second, as often as Tomcat looks at its
 * asynchronous ones) and has each one past its deadline answered from here. Watching a request costs an add to
 * and a remove from a concurrent set; no task is scheduled per request.
 */
final class TurnWatchdog implements AutoCloseable {

    /** A request waiting for its answer. */
    interface Watched {
        /** When it must be answered ({@link System#nanoTime()}). */
        long deadline();

        /** Called once, from the watchdog's thread, when the deadline has passed. */
        void overdue();
    }

    private static final Logger log = LoggerFactory.getLogger(TurnWatchdog.class);

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    private final Thread thread;
    private volatile boolean closed;

    TurnWatchdog(Duration requestTimeout) {
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(requestTimeout.toNanos() / 10, TimeUnit.SECONDS.toNanos(1)));
        this.thread = new Thread(this::watch, "turn-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(Watched request) {
        watched.add(request);
    }

    /** The request was answered (or ended) some other way. */
    void forget(Watched request) {
        watched.remove(request);
    }

    private void watch() {
        while (!closed) {
            LockSupport.parkNanos(this, tickNanos);
            long now = System.nanoTime();
            for (Watched request : watched) {
                if (now - request.deadline() >= 0 && watched.remove(request)) {
                    try {
                        request.overdue();
                    } catch (RuntimeException e) {
                        log.warn("Could not answer an overdue request: {}", e.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
