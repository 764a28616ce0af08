package org.signpost.bot.connector;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.internal.connection.ConnectionListener;

/**
 * One client's settings over a pool of connections per calling thread (as many pools as calls may be in flight,
 * handed out in turn), each with its own dispatcher; a thread keeps the pool it was first given. OkHttp finds a
 * free connection by locking each pooled one in turn, and notes every call in its dispatcher under one lock: with
 * one pool for 64 turn threads, the threads queued on each other's connections, and with one for every 8 they
 * still did (docs/benchmarks.md, "conn17"). Their cleanup runs on a runner of their own that is not woken at the end of
 * every call ({@link QuietTasks}).
 */
final class ConnectionPools implements AutoCloseable {

    /** Idle connections each pool keeps, per host: the connector, and room for a second service URL. */
    static final int IDLE_EACH = 2;

    private final QuietTasks cleanup = new QuietTasks();
    private final OkHttpClient[] pools;
    private final AtomicInteger next = new AtomicInteger();
    private final ThreadLocal<OkHttpClient> mine;

    /** A pool for each of {@code maxCalls} calls in flight at once. */
    ConnectionPools(OkHttpClient settings, int maxCalls) {
        this(settings, maxCalls, Duration.ofMinutes(5));
    }

    /** The same, closing a connection left idle for {@code keepAlive} (at most twice that, see {@link QuietTasks}). */
    ConnectionPools(OkHttpClient settings, int maxCalls, Duration keepAlive) {
        int count = Math.max(1, maxCalls);
        this.pools = new OkHttpClient[count];
        for (int i = 0; i < count; i++) {
            // a dispatcher bounds only asynchronous calls (the SDK's); the callers' semaphore bounds the rest
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(maxCalls);
            dispatcher.setMaxRequestsPerHost(maxCalls);
            pools[i] = settings.newBuilder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(IDLE_EACH, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
                            cleanup.runner(), ConnectionListener.Companion.getNONE()))
                    .build();
        }
        this.mine = ThreadLocal.withInitial(() -> pools[Math.floorMod(next.getAndIncrement(), pools.length)]);
    }

    /** The client of this thread's pool. */
    OkHttpClient mine() {
        return mine.get();
    }

    /** The first pool's client, for the SDK's own connector clients. */
    OkHttpClient first() {
        return pools[0];
    }

    /** The pools' cleanup (for tests). */
    QuietTasks cleanup() {
        return cleanup;
    }

    int count() {
        return pools.length;
    }

    /** Connections open now, idle or in use, in all pools. */
    int connections() {
        int open = 0;
        for (OkHttpClient pool : pools) {
            open += pool.connectionPool().connectionCount();
        }
        return open;
    }

    @Override
    public void close() {
        for (OkHttpClient pool : pools) {
            pool.dispatcher().executorService().shutdown();
            pool.connectionPool().evictAll();
        }
        cleanup.close();
    }
}
