package org.signpost.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of Redis that, once armed, cuts the connection carrying a command
 * that contains a marker: either before forwarding it (Redis never sees it) or after (Redis runs it,
 * and its reply is lost). It can also play a Redis that is {@link #down down} (every connection cut and
 * new ones closed at once) or {@link #frozen frozen} (connections open, nothing answered).
 */
public final class RedisFaultProxy implements AutoCloseable {

    public enum Cut { BEFORE_FORWARDING, AFTER_FORWARDING }

    private final ServerSocket listener;
    private final int redisPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private volatile String marker = "";
    private volatile int cuts;
    private volatile boolean down;
    private volatile boolean frozen;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public RedisFaultProxy(int redisPort) {
        this.redisPort = redisPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "redis-fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next command containing the marker is cut as said; later ones pass. */
    public void arm(Cut cut, String marker) {
        this.marker = marker;
        armed.set(cut);
    }

    public int cuts() {
        return cuts;
    }

    /** Down: every connection is cut now, and new ones are closed as soon as they open. */
    public void down(boolean down) {
        this.down = down;
        if (down) {
            open.forEach(RedisFaultProxy::close);
            open.clear();
        }
    }

    /** Frozen: connections stay open, but nothing reaches Redis and nothing comes back (a stopped process). */
    public void frozen(boolean frozen) {
        this.frozen = frozen;
        if (!frozen) {
            // what waited meanwhile is stale: its callers have timed out; cut it so nothing late arrives
            open.forEach(RedisFaultProxy::close);
            open.clear();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    close(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                open.add(client);
                open.add(server);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                AtomicReference<Boolean> dropReplies = new AtomicReference<>(false);
                start(() -> clientToServer(client, server, dropReplies));
                start(() -> serverToClient(server, client, dropReplies));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void clientToServer(Socket client, Socket server, AtomicReference<Boolean> dropReplies) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                if (frozen) {
                    continue;
                }
                Cut cut = matches(buffer, read) ? armed.getAndSet(null) : null;
                if (cut == Cut.BEFORE_FORWARDING) {
                    cuts++;
                    close(client, server);
                    return;
                }
                if (cut == Cut.AFTER_FORWARDING) {
                    cuts++;
                    dropReplies.set(true);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            close(client, server);
        }
    }

    private void serverToClient(Socket server, Socket client, AtomicReference<Boolean> dropReplies) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                if (frozen) {
                    continue;
                }
                if (dropReplies.get()) {
                    close(client, server);
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            close(client, server);
        }
    }

    private boolean matches(byte[] buffer, int length) {
        return armed.get() != null && new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains(marker);
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "redis-fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
