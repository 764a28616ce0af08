package org.signpost.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/** Everything Redis's MONITOR feed shows while it runs: what anyone allowed to MONITOR would see. */
public final class MonitorCapture implements AutoCloseable {

    private static final String READY = "monitor-capture-ready";

    private final Jedis monitor;
    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);

    public MonitorCapture(int port, String password, UnifiedJedis client) {
        monitor = new Jedis("127.0.0.1", port);
        monitor.auth(password);
        Thread feed = new Thread(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String line) {
                        if (line.contains(READY)) {
                            started.countDown();
                        }
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                });
            } catch (RuntimeException closed) {
                // the feed ends when the connection is closed
            }
        }, "redis-monitor-capture");
        feed.setDaemon(true);
        feed.start();
        try {
            // bounds generous for a slow, loaded machine (30 s each): waited for, not timed
            for (int attempt = 0; attempt < 1_500 && started.getCount() > 0; attempt++) {
                client.sendCommand(Protocol.Command.PING, READY);
                started.await(20, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started.getCount() > 0) {
            throw new IllegalStateException("The MONITOR feed did not start");
        }
    }

    /** The lines so far, after a marker command has come through (so every earlier command has). */
    public List<String> lines(UnifiedJedis client) {
        String marker = "monitor-capture-mark-" + System.nanoTime();
        client.sendCommand(Protocol.Command.PING, marker);
        for (int attempt = 0; attempt < 3_000; attempt++) {
            synchronized (lines) {
                if (lines.stream().anyMatch(line -> line.contains(marker))) {
                    return List.copyOf(lines);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("The MONITOR feed fell behind");
    }

    @Override
    public void close() {
        monitor.disconnect();
    }
}
