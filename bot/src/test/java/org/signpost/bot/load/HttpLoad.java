package org.signpost.bot.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Drives {@code POST /api/messages} over loopback as cheaply as a client can (kept-alive HTTP/1.1 written
 * by hand, one thread per connection), so that on two cores the bot, not the client, is what is measured.
 * Latency is from when a turn was due to its answer: in the fixed-rate mode a late start counts against
 * the bot (no coordinated omission).
 */
final class HttpLoad {

    /**
     * What one window measured; {@code slowest} are the turns at or above the p99, each with when it was due
     * and when it was answered (wall clock), to set beside the bot's pauses ({@link Pauses}).
     */
    record Result(long turns, Map<Integer, Long> statuses, double seconds, long[] latenciesNanos, long startMillis,
            long endMillis, List<Turn> slowest, long onNewConnections, long[] sentLateNanos) {

        double turnsPerSecond() {
            return turns / seconds;
        }

        long errors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
    }

    /**
     * One turn in wall-clock milliseconds: from when it was due (or sent) to its answer; and whether it was sent on
     * a new connection (the server had closed the last one, e.g. Tomcat after 100 requests on it), and how long
     * after it was due the harness sent it (at a fixed rate: its own client thread woke late).
     */
    record Turn(long dueMillis, long answeredMillis, boolean newConnection, long sentLateNanos) {
    }

    private final int port;
    private final String authorization;
    private final Runnable whenUnanswered;

    HttpLoad(int port, String authorization) {
        this(port, authorization, () -> { });
    }

    /** {@code whenUnanswered} runs on a client's thread while a request it sent is still unanswered (evidence). */
    HttpLoad(int port, String authorization, Runnable whenUnanswered) {
        this.port = port;
        this.authorization = authorization;
        this.whenUnanswered = whenUnanswered;
    }

    /**
     * As many turns as {@code connections} clients get through, each sending its next as soon as one ends;
     * client {@code i} sends what {@code lanes.apply(i)} supplies (see {@link Traffic#lane}).
     */
    Result closedLoop(IntFunction<Supplier<byte[]>> lanes, int connections, Duration duration) {
        return run(connections, duration, lanes, (windowStart, client, traffic, recorder) -> {
            long end = windowStart + duration.toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                recorder.record(client.post(traffic.get()), start, System.nanoTime() - start, client.lastOnNewConnection(), 0);
            }
        });
    }

    /** Turns due at a fixed rate, spread over up to {@code connections} clients (each with its lane). */
    Result fixedRate(IntFunction<Supplier<byte[]>> lanes, double perSecond, int connections, Duration duration) {
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        double interval = 1e9 / perSecond;
        AtomicLong next = new AtomicLong();
        return run(connections, duration, lanes, (windowStart, client, traffic, recorder) -> {
            for (long i; (i = next.getAndIncrement()) < total; ) {
                long due = windowStart + (long) (i * interval);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long late = System.nanoTime() - due;
                recorder.record(client.post(traffic.get()), due, System.nanoTime() - due, client.lastOnNewConnection(), late);
            }
        });
    }

    private interface Work {
        void run(long startNanos, Client client, Supplier<byte[]> traffic, Recorder recorder) throws IOException;
    }

    /**
     * Each client's thread starts and opens its connection before the window does: a channel's connections are
     * open and kept alive in steady traffic, so neither starting 64 threads nor 64 connections' first requests
     * weigh on the window (they did: at 200/s the first turn on each of the 64 connections, 3% of a 10 s
     * window's turns, made up many of the turns at or above the p99, for both bots).
     */
    private Result run(int connections, Duration duration, IntFunction<Supplier<byte[]>> lanes, Work work) {
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        for (int i = 0; i < connections; i++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            Supplier<byte[]> traffic = lanes.apply(i);
            Thread thread = new Thread(() -> {
                try (Client client = new Client(port, authorization, whenUnanswered)) {
                    try {
                        client.open();
                    } finally {
                        ready.countDown();
                    }
                    go.await();
                    work.run(start[0], client, traffic, recorder);
                } catch (IOException e) {
                    recorder.record(-1, 0, 0, false, 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            if (!ready.await(Client.ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The load's connections did not open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long started = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        start[0] = started;
        // the latch's count-down publishes start[0] to the clients
        go.countDown();
        for (Thread thread : threads) {
            try {
                thread.join(duration.plus(Client.ANSWER_WITHIN).toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<Integer, Long> statuses = new TreeMap<>();
        int count = recorders.stream().mapToInt(r -> r.size).sum();
        long[] all = new long[count];
        long[] late = new long[count];
        int at = 0;
        for (Recorder recorder : recorders) {
            recorder.statuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
            System.arraycopy(recorder.latencies, 0, all, at, recorder.size);
            System.arraycopy(recorder.late, 0, late, at, recorder.size);
            at += recorder.size;
        }
        Arrays.sort(all);
        Arrays.sort(late);
        long p99 = count == 0 ? 0 : all[Math.max(0, (int) Math.ceil(0.99 * count) - 1)];
        List<Turn> slowest = new ArrayList<>();
        long onNewConnections = 0;
        for (Recorder recorder : recorders) {
            for (int i = 0; i < recorder.size; i++) {
                onNewConnections += recorder.fresh[i] ? 1 : 0;
                if (recorder.latencies[i] >= p99) {
                    long due = startedMillis + (recorder.starts[i] - started) / 1_000_000;
                    slowest.add(new Turn(due, due + recorder.latencies[i] / 1_000_000, recorder.fresh[i], recorder.late[i]));
                }
            }
        }
        return new Result(count, statuses, seconds, all, startedMillis,
                startedMillis + (long) (seconds * 1000), slowest, onNewConnections, late);
    }

    private static final class Recorder {
        long[] latencies = new long[1 << 14];
        long[] starts = new long[1 << 14];
        boolean[] fresh = new boolean[1 << 14];
        long[] late = new long[1 << 14];
        int size;
        final Map<Integer, Long> statuses = new TreeMap<>();

        void record(int status, long startNanos, long nanos, boolean newConnection, long lateNanos) {
            statuses.merge(status, 1L, Long::sum);
            if (status < 0) {
                return;
            }
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                fresh = Arrays.copyOf(fresh, size * 2);
                late = Arrays.copyOf(late, size * 2);
            }
            starts[size] = startNanos;
            fresh[size] = newConnection;
            late[size] = lateNanos;
            latencies[size++] = nanos;
        }
    }

    /** One kept-alive connection; reconnects when the server closes it. */
    static final class Client implements AutoCloseable {
        static final int NO_ANSWER = 0;
        static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);
        private final int port;
        private final Runnable whenUnanswered;
        private int sentOnConnection;
        private boolean lastOnNewConnection;
        private final byte[] head;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Client(int port, String authorization) {
            this(port, authorization, () -> { });
        }

        Client(int port, String authorization, Runnable whenUnanswered) {
            this.port = port;
            this.whenUnanswered = whenUnanswered;
            this.head = ("POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Content-Length: ")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        /**
         * The response's status; {@link #NO_ANSWER} if none came within {@link #ANSWER_WITHIN} (the bot promises
         * one within its 10 s request timeout; Teams redelivers after 15 s), -1 if the connection failed.
         */
        int post(byte[] body) {
            boolean fresh = socket == null;
            lastOnNewConnection = fresh;
            try {
                if (fresh) {
                    connect();
                }
                sentOnConnection++;
                out.write(head);
                out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return readResponse();
            } catch (SocketTimeoutException e) {
                // say where it happened, to tell a lost request from a slow bot: on a new connection or a kept-alive
                // one, and how many this connection had carried (Tomcat closes one after 100 requests)
                System.out.printf("no answer within %d s: request %d on a %s connection%n", ANSWER_WITHIN.toSeconds(),
                        sentOnConnection, fresh ? "new" : "kept-alive");
                whenUnanswered.run();
                close();
                return NO_ANSWER;
            } catch (IOException e) {
                // say what failed, and where, so a rare lost connection can be told from the bot's doing
                System.out.printf("connection failed (%s: %s): request %d on a %s connection%n",
                        e.getClass().getSimpleName(), e.getMessage(), sentOnConnection, fresh ? "new" : "kept-alive");
                close();
                return -1;
            }
        }

        /** Opens the connection now, if it is not open, rather than with the next request. */
        void open() throws IOException {
            if (socket == null) {
                connect();
            }
        }

        /** Whether the last request went on a connection opened for it. */
        boolean lastOnNewConnection() {
            return lastOnNewConnection;
        }

        private void connect() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
            sentOnConnection = 0;
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        private int readResponse() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header; !(header = line()).isEmpty(); ) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].strip(), 16)) > 0; ) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                close();
            }
            return code;
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("Connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("Connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }
}
