package org.signpost.bot.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Teams connector for load runs: answers every send at once, reads nothing but the bytes it must
 * drain, and only counts. (The tests' {@code FakeConnector} keeps every send; over a million turns that
 * would be the thing measured.)
 */
final class LoadConnector implements AutoCloseable {

    private static final byte[] ANSWER = "{\"id\":\"sent\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final AtomicLong received = new AtomicLong();

    LoadConnector() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            received.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            exchange.close();
        });
        server.start();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

}
