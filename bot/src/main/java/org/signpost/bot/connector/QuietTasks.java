package org.signpost.bot.connector;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import okhttp3.internal.concurrent.TaskRunner;

/**
 * OkHttp's task runner for the connection pools' cleanup (closing connections idle beyond the keep-alive), that
 * does not wake its thread at every call. OkHttp's own moves the cleanup to "now" whenever a call's connection goes
 * back to its pool, i.e. at the end of every call, and wakes its waiting thread for it: one context switch and a
 * notify under its one lock per reply (the load harness's thread counts, docs/benchmarks.md, "sched18"). Here that
 * nudge is ignored: a cleanup that falls due while the thread waits runs when its wait ends, at most one keep-alive
 * later, so an idle connection is closed within twice the keep-alive instead of once. When no thread waits, a
 * cleanup starts one at once, as OkHttp's does.
 *
 * <p>OkHttp's {@code internal} package: the only way to hand its pools a runner (the version is pinned).
 */
final class QuietTasks implements TaskRunner.Backend, AutoCloseable {

    private final AtomicLong wakeUps = new AtomicLong();
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "OkHttp pool cleanup");
                thread.setDaemon(true);
                return thread;
            });
    private final TaskRunner runner = new TaskRunner(this, Logger.getLogger(TaskRunner.class.getName()));

    TaskRunner runner() {
        return runner;
    }

    /** How often a thread of this runner started or woke up (for tests). */
    long wakeUps() {
        return wakeUps.get();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void coordinatorNotify(TaskRunner taskRunner) {
        // not woken for a cleanup moved earlier: see the class's comment
    }

    @Override
    @SuppressWarnings("java:S2274") // OkHttp's own loop (TaskRunner.awaitTaskToRun) re-checks after every wait
    public void coordinatorWait(TaskRunner taskRunner, long nanos) {
        // called by OkHttp holding the runner's monitor, as its own backend's wait is
        if (nanos > 0) {
            try {
                taskRunner.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                // OkHttp's own backend lets it through (Kotlin has no checked exceptions): its caller cancels the tasks
                throw QuietTasks.<RuntimeException>unchecked(e);
            }
            wakeUps.incrementAndGet();
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
        return queue;
    }

    @Override
    public void execute(TaskRunner taskRunner, Runnable runnable) {
        wakeUps.incrementAndGet();
        threads.execute(runnable);
    }

    /** Cancels what is scheduled and lets a waiting thread end. */
    @Override
    public void close() {
        synchronized (runner) {
            runner.cancelAll();
            runner.notifyAll();
        }
        threads.shutdown();
    }
}
