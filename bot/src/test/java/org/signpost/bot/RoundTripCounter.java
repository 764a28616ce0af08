package org.signpost.bot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of Redis that counts round trips: on each connection, a command sent after
 * Redis answered the last one starts a new round trip; commands sent together before any answer (a
 * pipeline) share one. It keeps only each command's name, never its keys or values.
 */
public final class RoundTripCounter implements AutoCloseable {

    /** What a connection opens with, and the pool's checks of idle connections: no turn's work. */
    private static final Set<String> UPKEEP = Set.of("PING", "AUTH", "HELLO", "CLIENT", "SELECT");

    /** One round trip: the names of the commands it carried, in order. */
    public record RoundTrip(List<String> commands) {
        boolean upkeep() {
            return commands.stream().allMatch(UPKEEP::contains);
        }
    }

    private final ServerSocket listener;
    private final int redisPort;
    private final List<RoundTrip> trips = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public RoundTripCounter(int redisPort) {
        this.redisPort = redisPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(this::accept, "redis-round-trip-counter");
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many round trips so far (a mark to pass to {@link #since}). */
    public int mark() {
        synchronized (trips) {
            return trips.size();
        }
    }

    /** The round trips since the mark, connection upkeep left out. */
    public List<RoundTrip> since(int mark) {
        synchronized (trips) {
            return trips.subList(mark, trips.size()).stream().filter(trip -> !trip.upkeep())
                    .map(trip -> new RoundTrip(List.copyOf(trip.commands()))).toList();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                open.add(client);
                open.add(server);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Connection connection = new Connection();
                start(() -> clientToServer(client, server, connection), "redis-round-trip-counter-out");
                start(() -> serverToClient(server, client, connection), "redis-round-trip-counter-in");
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A connection's state: whether Redis answered since its round trip began, and the commands read so far. */
    private final class Connection {
        private volatile boolean answered = true;
        private List<String> current;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        /** Takes the bytes just read; every complete command is counted before they are forwarded. */
        void sent(byte[] buffer, int length) {
            pending.write(buffer, 0, length);
            byte[] bytes = pending.toByteArray();
            int at = 0;
            for (Command command; (command = Command.parse(bytes, at)) != null; at = command.end()) {
                if (answered) {
                    answered = false;
                    current = new ArrayList<>();
                    synchronized (trips) {
                        trips.add(new RoundTrip(current));
                    }
                }
                synchronized (trips) {
                    current.add(command.name());
                }
            }
            pending.reset();
            pending.write(bytes, at, bytes.length - at);
        }
    }

    /** A RESP command (an array of bulk strings): its name and where it ends; null until it is complete. */
    private record Command(String name, int end) {
        static Command parse(byte[] bytes, int from) {
            int[] at = {from};
            Long count = number(bytes, at, '*');
            if (count == null) {
                return null;
            }
            String name = null;
            for (long i = 0; i < count; i++) {
                Long length = number(bytes, at, '$');
                if (length == null || at[0] + length + 2 > bytes.length) {
                    return null;
                }
                if (name == null) {
                    name = new String(bytes, at[0], length.intValue(), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
                }
                at[0] += length.intValue() + 2;
            }
            return new Command(name, at[0]);
        }

        private static Long number(byte[] bytes, int[] at, char type) {
            if (at[0] >= bytes.length) {
                return null;
            }
            if (bytes[at[0]] != type) {
                throw new IllegalStateException("Not a RESP command");
            }
            for (int i = at[0] + 1; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    long value = Long.parseLong(new String(bytes, at[0] + 1, i - at[0] - 1, StandardCharsets.US_ASCII));
                    at[0] = i + 2;
                    return value;
                }
            }
            return null;
        }
    }

    private void clientToServer(Socket client, Socket server, Connection connection) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                connection.sent(buffer, read);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            close(client, server);
        }
    }

    private void serverToClient(Socket server, Socket client, Connection connection) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                // before the client can read the answer, so its next command is seen as a new round trip
                connection.answered = true;
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            close(client, server);
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
        open.forEach(RoundTripCounter::close);
    }
}
