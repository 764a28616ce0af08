package org.signpost.bot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Real Redis 7 servers (Debian's {@code redis-server}) started by a test on 127.0.0.1, each in a folder
 * of its own with append-only persistence, as production runs them: one server, a cluster, or a
 * Sentinel-watched master with replicas. Every process is stopped on close, and what it wrote deleted after it.
 */
public final class RedisProcesses implements AutoCloseable {

    /** The default user (administration, replication); the bot connects as the ACL user below. */
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String BOT_USER = "signpost";
    public static final String BOT_PASSWORD = "bot-password-for-tests";
    /** What the bot may do: its own keys, no MONITOR, no CONFIG, no KEYS, no FLUSHALL; INFO and AOF rewrites. */
    public static final String BOT_ACL = "user " + BOT_USER + " on >" + BOT_PASSWORD
            + " ~signpost:* &* +@all -@dangerous +info +bgrewriteaof";

    public final class Server {
        private final int port;
        private final Process process;
        private final Path folder;

        private Server(int port, Process process, Path folder) {
            this.port = port;
            this.process = process;
            this.folder = folder;
        }

        public int port() {
            return port;
        }

        /** The server's own log (kept until {@link RedisProcesses#close}). */
        public Path log() {
            return folder.resolve("server.log");
        }

        public HostAndPort address() {
            return new HostAndPort("127.0.0.1", port);
        }

        /** As admin (the default user). */
        public UnifiedJedis admin() {
            return RedisClient.builder().hostAndPort(address())
                    .clientConfig(DefaultJedisClientConfig.builder().password(ADMIN_PASSWORD).build()).build();
        }

        /** A crash: SIGKILL, nothing flushed or handed over. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public boolean alive() {
            return process.isAlive();
        }
    }

    private final Path folder;
    private final List<Server> servers = new ArrayList<>();
    /** The servers' folders and the files written here, deleted on close (the folder itself is the caller's). */
    private final List<Path> written = new ArrayList<>();

    public RedisProcesses(Path folder) {
        this.folder = folder;
    }

    /** The redis-server binary, or empty: then the test is skipped, saying why. */
    public static Optional<Path> binary() {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator), new String[] {"/usr/bin", "/usr/local/bin"})
                .flatMap(Stream::of).map(dir -> Path.of(dir, "redis-server")).filter(Files::isExecutable).findFirst();
    }

    /** For {@code @EnabledIf}: without the binary the Cluster and Sentinel tests are skipped, and say so. */
    public static boolean installed() {
        return binary().isPresent();
    }

    /** A data node: append-only with fsync on every write, no eviction, passwords, the bot's ACL user. */
    public Server redis(String name, String... extra) {
        int port = freePort();
        List<String> config = new ArrayList<>(List.of(
                "port " + port, "bind 127.0.0.1", "protected-mode yes", "daemonize no",
                "appendonly yes", "appendfsync always", "save \"\"", "maxmemory-policy noeviction",
                "requirepass " + ADMIN_PASSWORD, "masterauth " + ADMIN_PASSWORD, BOT_ACL));
        config.addAll(List.of(extra));
        return start(name, port, config, false);
    }

    /**
     * A data node that speaks only TLS, on the port it is given, with this certificate and key (PEM); clients
     * are not asked for certificates of their own (as managed Redis services do).
     */
    public Server tlsRedis(String name, Path certificate, Path key) {
        int port = freePort();
        List<String> config = new ArrayList<>(List.of(
                "port 0", "tls-port " + port, "tls-cert-file " + certificate.toAbsolutePath(),
                "tls-key-file " + key.toAbsolutePath(), "tls-auth-clients no", "bind 127.0.0.1", "protected-mode yes",
                "daemonize no", "appendonly yes", "appendfsync always", "save \"\"", "maxmemory-policy noeviction",
                "requirepass " + ADMIN_PASSWORD, BOT_ACL));
        return start(name, port, config, false);
    }

    /** A cluster node; join them with {@link #createCluster}. */
    public Server clusterNode(String name) {
        return redis(name, "cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 2000");
    }

    /**
     * A sentinel watching {@code master} (quorum 2), quick to call a failover as tests need, but not so quick that
     * a promoted replica starved of CPU on a busy 2-core host for a second is failed over again (which loses what
     * it had not yet replicated).
     */
    public Server sentinel(String name, String masterName, Server master) {
        int port = freePort();
        return start(name, port, List.of("port " + port, "bind 127.0.0.1", "daemonize no",
                "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 2",
                "sentinel auth-pass " + masterName + " " + ADMIN_PASSWORD,
                "sentinel down-after-milliseconds " + masterName + " 3000",
                "sentinel failover-timeout " + masterName + " 5000",
                "sentinel parallel-syncs " + masterName + " 1"), true);
    }

    /** {@code redis-cli --cluster create}: the nodes share the 16384 slots, with {@code replicas} replicas each. */
    public void createCluster(List<Server> nodes, int replicas) {
        List<String> command = new ArrayList<>(List.of(binary().orElseThrow().resolveSibling("redis-cli").toString(),
                "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
        written.add(folder.resolve("cluster-create.log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("cluster-create.log").toFile());
        builder.environment().put("REDISCLI_AUTH", ADMIN_PASSWORD);
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: "
                        + Files.readString(folder.resolve("cluster-create.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (Server node : nodes) {
            try (UnifiedJedis admin = node.admin()) {
                await(() -> text(admin.sendCommand(() -> "CLUSTER".getBytes(StandardCharsets.US_ASCII), "INFO"))
                        .contains("cluster_state:ok"), "the cluster to be ready");
                // a replica that has not finished its first sync would make every WAIT time out
                await(() -> {
                    String replication = admin.info("replication");
                    return replication.contains("role:master") ? replication.contains("connected_slaves:" + replicas)
                            : replication.contains("master_link_status:up");
                }, "the replicas to be in sync");
            }
        }
    }

    public static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not reachable yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    private Server start(String name, int port, List<String> config, boolean sentinel) {
        Path dir = folder.resolve(name);
        try {
            Files.createDirectories(dir);
            written.add(dir);
            Path file = dir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
            List<String> lines = new ArrayList<>(config);
            lines.add("dir " + dir.toAbsolutePath());
            lines.add("logfile " + dir.resolve("server.log").toAbsolutePath());
            Files.write(file, lines);
            List<String> command = new ArrayList<>(List.of(binary().orElseThrow().toString(), file.toString()));
            if (sentinel) {
                command.add("--sentinel");
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Server server = new Server(port, process, dir);
            servers.add(server);
            await(() -> {
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return probe.isConnected();
                } catch (IOException e) {
                    return false;
                }
            }, name + " to listen");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose cluster bus port (+10000) is free too. */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port + 10000 <= 65535) {
                    try (ServerSocket bus = new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free port pair on loopback");
    }

    @Override
    public void close() {
        servers.forEach(Server::kill);
        written.forEach(TestRedis::delete);
    }
}
