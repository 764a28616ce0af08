package org.signpost.bot.broadcast;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A fake Teams connector on loopback for broadcasts: answers each post as a rule says (a status, a
 * Retry-After, a delay), and records when each arrived and how many posts to one conversation overlapped.
 */
final class BroadcastConnector implements AutoCloseable {

    /** How the connector answers the nth post (1 for the first) to a conversation. */
    record Answer(int status, String retryAfter, Duration delay) {
        static Answer ok() {
            return new Answer(200, null, Duration.ZERO);
        }
    }

    record Post(long arrivedNanos, String conversationId, int status) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Post> posts = new ArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private volatile BiFunction<String, Integer, Answer> rule = (conversation, nth) -> Answer.ok();

    BroadcastConnector() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    void answer(BiFunction<String, Integer, Answer> rule) {
        this.rule = rule;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        exchange.getRequestBody().readAllBytes();
        String[] path = exchange.getRequestURI().getRawPath().split("/");
        String conversation = path.length > 3 ? URLDecoder.decode(path[3], StandardCharsets.UTF_8) : "";
        AtomicInteger concurrent = inFlight.computeIfAbsent(conversation, c -> new AtomicInteger());
        if (concurrent.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            int nth = attempts.computeIfAbsent(conversation, c -> new AtomicInteger()).incrementAndGet();
            Answer answer = rule.apply(conversation, nth);
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            synchronized (posts) {
                posts.add(new Post(arrived, conversation, answer.status()));
            }
            byte[] body = answer.status() == 200 ? ("{\"id\":\"m-" + nth + "\"}").getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":{\"code\":\"Scripted\"}}".getBytes(StandardCharsets.UTF_8);
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            concurrent.decrementAndGet();
            exchange.close();
        }
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    List<Post> posts() {
        synchronized (posts) {
            return List.copyOf(posts);
        }
    }

    /** Posts to one conversation that arrived while another to it was still being answered. */
    int overlaps() {
        return overlaps.get();
    }

    /** The most posts that arrived in any window of this length. */
    int mostPostsInAnyWindow(Duration window) {
        long[] times = posts().stream().mapToLong(Post::arrivedNanos).sorted().toArray();
        int most = 0;
        for (int i = 0, j = 0; i < times.length; i++) {
            while (times[i] - times[j] >= window.toNanos()) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
