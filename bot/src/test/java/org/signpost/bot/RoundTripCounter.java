package org.signpost.bot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A loopback TCP proxy in front of Redis that counts round trips: on each connection, a command sent after
 * Redis answered the last one starts a new round trip; commands sent together before any answer (a
 * pipeline) share one. It keeps only each command's name, never its keys or values.
 */
public final class RoundTripCounter extends LoopbackProxy {

    /** What a connection opens with, and the pool's checks of idle connections: no turn's work. */
    private static final Set<String> UPKEEP = Set.of("PING", "AUTH", "HELLO", "CLIENT", "SELECT");

    /** One round trip: the names of the commands it carried, in order. */
    public record RoundTrip(List<String> commands) {
        boolean upkeep() {
            return commands.stream().allMatch(UPKEEP::contains);
        }
    }

    private final List<RoundTrip> trips = new ArrayList<>();

    public RoundTripCounter(int redisPort) {
        super(redisPort, "redis-round-trip-counter");
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

    @Override
    Link connected() {
        return new Connection();
    }

    /** A connection's state: whether Redis answered since its round trip began, and the commands read so far. */
    private final class Connection implements Link {
        private volatile boolean answered = true;
        private List<String> current;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        /** Every complete command is counted before the bytes are forwarded. */
        @Override
        public Verdict fromClient(byte[] buffer, int length) {
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
            return Verdict.FORWARD;
        }

        /** Marked before the client can read the answer, so its next command is seen as a new round trip. */
        @Override
        public Verdict fromServer(byte[] buffer, int length) {
            answered = true;
            return Verdict.FORWARD;
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
}
