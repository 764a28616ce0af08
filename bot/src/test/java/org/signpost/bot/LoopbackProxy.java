package org.signpost.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a server: each connection it accepts gets one to the server, and two pumps
 * carry the bytes. What becomes of the bytes read in each direction is the subclass's {@link Link}.
 */
abstract class LoopbackProxy implements AutoCloseable {

    /** What becomes of bytes just read: passed on, dropped, or the connection cut (both sockets closed). */
    enum Verdict { FORWARD, DROP, CUT }

    /** One proxied connection, as the subclass sees it. */
    interface Link {
        /** Bytes the client sent, before they reach the server. */
        Verdict fromClient(byte[] buffer, int length);

        /** Bytes the server sent, before they reach the client. */
        Verdict fromServer(byte[] buffer, int length);
    }

    private final ServerSocket listener;
    private final int serverPort;
    private final String name;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    LoopbackProxy(int serverPort, String name) {
        this.serverPort = serverPort;
        this.name = name;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(this::accept, name);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** A new connection's link, or null to close it at once. */
    abstract Link connected();

    /** Cuts every connection open now. */
    final void cutAll() {
        open.forEach(LoopbackProxy::close);
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Link link = connected();
                if (link == null) {
                    close(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                open.add(client);
                open.add(server);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                start(() -> pump(client, server, link::fromClient), name + "-out");
                start(() -> pump(server, client, link::fromServer), name + "-in");
            } catch (IOException e) {
                return;
            }
        }
    }

    private interface Step {
        Verdict take(byte[] buffer, int length);
    }

    private static void pump(Socket from, Socket to, Step step) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                Verdict verdict = step.take(buffer, read);
                if (verdict == Verdict.CUT) {
                    close(from, to);
                    return;
                }
                if (verdict == Verdict.FORWARD) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            close(from, to);
        }
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
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
        cutAll();
    }
}
