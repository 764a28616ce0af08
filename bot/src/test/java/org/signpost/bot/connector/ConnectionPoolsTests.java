package org.signpost.bot.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signpost.bot.FakeConnector;

/**
 * The connector's calls spread over pools, each thread keeping its own, and connections reused within them; the
 * pools' cleanup closes idle connections without being woken at every call.
 */
class ConnectionPoolsTests {

    private final FakeConnector connector = new FakeConnector();
    private final AtomicInteger connects = new AtomicInteger();
    private final ConnectionPools pools = new ConnectionPools(new OkHttpClient.Builder()
            .eventListener(new EventListener() {
                @Override
                public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                    connects.incrementAndGet();
                }
            }).build(), 32);
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        threads.shutdownNow();
        pools.close();
        connector.close();
    }

    @Test
    void threadsAreSpreadOverThePoolsAndEachKeepsItsOwn() throws Exception {
        Map<OkHttpClient, Integer> threadsPerPool = new IdentityHashMap<>();
        for (Future<OkHttpClient> mine : threads.invokeAll(callers(16, () -> {
            OkHttpClient first = pools.mine();
            assertThat(pools.mine()).isSameAs(first);
            Thread.sleep(50); // every thread asks while the others still hold theirs: 16 threads, not fewer
            return first;
        }))) {
            threadsPerPool.merge(mine.get(), 1, Integer::sum);
        }

        // a pool for each of the 32 calls that may be in flight: the 16 threads on 16 of them, one each
        assertThat(pools.count()).isEqualTo(32);
        assertThat(threadsPerPool).hasSize(16).allSatisfy((pool, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void callsFromManyThreadsAtOnceReuseTheirPoolsConnections() throws Exception {
        for (Future<Integer> delivered : threads.invokeAll(callers(16, () -> {
            int ok = 0;
            for (int i = 0; i < 25; i++) {
                Request post = new Request.Builder()
                        .url(connector.serviceUrl() + "v3/conversations/a:pooled/activities")
                        .post(RequestBody.create("{\"type\":\"message\",\"text\":\"hi\"}", MediaType.get("application/json")))
                        .build();
                try (Response response = pools.mine().newCall(post).execute()) {
                    ok += response.isSuccessful() ? 1 : 0;
                }
            }
            return ok;
        }))) {
            assertThat(delivered.get()).isEqualTo(25);
        }

        assertThat(connector.sentTo("a:pooled")).hasSize(16 * 25);
        // a thread needs one connection at a time and gives it back to its pool: at most one per thread is made
        assertThat(connects.get()).isBetween(1, 16);
        assertThat(pools.connections()).isEqualTo(connects.get());
    }

    @Test
    void theEndOfACallDoesNotWakeTheCleanupThread() throws Exception {
        ConnectionPools one = new ConnectionPools(new OkHttpClient(), 1);
        try {
            assertThat(post(one)).isTrue(); // the first connection starts the cleanup's thread
            long before = one.cleanup().wakeUps();
            for (int i = 0; i < 200; i++) {
                assertThat(post(one)).isTrue();
            }

            // OkHttp's own runner is woken as every call gives its connection back (200 here)
            assertThat(one.cleanup().wakeUps() - before).isLessThanOrEqualTo(5);
            assertThat(one.connections()).isEqualTo(1);
        } finally {
            one.close();
        }
    }

    @Test
    void anIdleConnectionIsStillClosedAfterTheKeepAlive() throws Exception {
        ConnectionPools brief = new ConnectionPools(new OkHttpClient(), 1, Duration.ofMillis(200));
        try {
            assertThat(post(brief)).isTrue();
            assertThat(post(brief)).isTrue();
            assertThat(brief.connections()).isEqualTo(1);

            // closed within twice the keep-alive; waited for with a generous bound, not timed
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (brief.connections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(brief.connections()).isZero();
            assertThat(post(brief)).isTrue();
        } finally {
            brief.close();
        }
    }

    private boolean post(ConnectionPools on) throws Exception {
        Request post = new Request.Builder()
                .url(connector.serviceUrl() + "v3/conversations/a:quiet/activities")
                .post(RequestBody.create("{\"type\":\"message\",\"text\":\"hi\"}", MediaType.get("application/json")))
                .build();
        try (Response response = on.mine().newCall(post).execute()) {
            return response.isSuccessful();
        }
    }

    private static <T> List<Callable<T>> callers(int count, Callable<T> call) {
        List<Callable<T>> callers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            callers.add(call);
        }
        return callers;
    }
}
