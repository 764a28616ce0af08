package org.signpost.bot.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Teams connector for load runs: answers every send at once, reads nothing but the bytes it must
 * drain, and only counts. (The tests' {@code FakeConnector} keeps every send; over a million turns that
 * would be the thing measured.)
 *
 * <p>One thread per kept-alive connection, reading a request and answering it on the spot, so a send wakes
 * one thread here. (The JDK's {@code HttpServer} it replaced woke three per send: its one dispatcher thread
 * to see the request, a worker to answer, the dispatcher again to watch the connection; on two cores each
 * wake-up can wait for a core, and the bots' turns waited for them.)
 */
final class LoadConnector implements AutoCloseable {

    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
            + "{\"id\":\"sent\"}").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    LoadConnector() {
        try {
            server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "load-connector-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    long received() {
        return received.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread thread = new Thread(() -> serve(socket), "load-connector-" + connections.incrementAndGet());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                // closed: the run is over
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                OutputStream out = socket.getOutputStream()) {
            while (request(in)) {
                received.incrementAndGet();
                out.write(ANSWER);
                out.flush();
            }
        } catch (IOException e) {
            // the bot closed the connection
        } finally {
            open.remove(socket);
        }
    }

    /** Reads one request whole (head and body, by length or chunked); false at the end of the connection. */
    private static boolean request(InputStream in) throws IOException {
        String start = line(in);
        if (start == null) {
            return false;
        }
        long length = 0;
        boolean chunked = false;
        for (String header; !(header = next(in)).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(next(in).split(";")[0].strip(), 16)) > 0; ) {
                skip(in, size);
                next(in);
            }
            while (!next(in).isEmpty()) {
                // trailers
            }
        } else {
            skip(in, length);
        }
        return true;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        in.skipNBytes(bytes);
    }

    private static String next(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("Connection closed mid-request");
        }
        return line;
    }

    /** A line without its CRLF; null if the connection ended before it began. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new IOException("Connection closed mid-line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
    }
}
