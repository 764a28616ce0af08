package org.signpost.bot.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A Redis server the app runs itself when no REDIS_URL is set: bound to 127.0.0.1 on a free port,
 * password-protected, persisting every write to an append-only file in the data folder.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private static final Pattern READY = Pattern.compile(".*[Rr]eady to accept connections.*");
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Pattern ADDRESS_IN_USE = Pattern.compile("[Aa]ddress already in use");
    private static final int PORT_ATTEMPTS = 5;

    private final Process server;
    private final int port;
    private final String password;

    private EmbeddedRedis(Process server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedRedis start(Path dataFolder) {
        return start(dataFolder, EmbeddedRedis::freeLoopbackPort);
    }

    /**
     * A free port is only free when it is picked: another process can bind it before Redis does, so a start
     * that finds it taken picks another, a few times.
     */
    static EmbeddedRedis start(Path dataFolder, PortPicker ports) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        String password = newPassword();
        LeftOverRedis.stopOn(folder);
        Process server = null;
        int port = 0;
        try {
            prepare(folder);
            for (int attempt = 1; server == null; attempt++) {
                port = ports.pick();
                try {
                    server = run(folder, port, password);
                } catch (PortTaken e) {
                    if (attempt == PORT_ATTEMPTS) {
                        throw e;
                    }
                    log.info("Port {} was taken before the embedded Redis could bind it; trying another", port);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded Redis with its data in " + folder + " on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ". Run a Redis server and "
                    + "set REDIS_URL, for example REDIS_URL=redis://:password@localhost:6379", e);
        }
        log.info("Embedded Redis started on 127.0.0.1:{} with its data in {}", port, folder);
        return new EmbeddedRedis(server, port, password);
    }

    private static Process run(Path folder, int port, String password) throws IOException {
        // The library writes these settings to an owner-only temporary file, so the password
        // never appears on the command line or in the process list; the file goes once Redis has read it.
        List<String> command = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("protected-mode yes")
                .setting("requirepass " + password)
                .setting("dir " + folder)
                .setting("appendonly yes")
                .setting("appendfilename signpost.aof")
                .setting("appendfsync always")
                // plain commands on disk, also after a rewrite: anyone can read what is kept
                .setting("aof-use-rdb-preamble no")
                .setting("save \"\"")
                .setting("maxmemory-policy noeviction")
                .setting("notify-keyspace-events \"\"")
                .buildCommandArgs();
        try {
            return run(command);
        } finally {
            deleteSettingsFile(command);
        }
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    long pid() {
        return server.pid();
    }

    /**
     * Stops Redis (SIGTERM: it finishes writing its append-only file and exits). Only this stops it: the
     * library's own start would also stop it from a JVM shutdown hook of its own, which on a SIGTERM runs
     * alongside Spring's ordered stop and can cut off the rewrite the stop asks for just before (README, "What
     * is left on disk"). A JVM that dies without closing leaves it running; the next start stops it. Once it has
     * exited, the library's copy of redis-server in the temporary folder goes too ({@link ExtractedBinary}).
     */
    @Override
    public void close() {
        Optional<Path> binary = ExtractedBinary.of(server.toHandle());
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("The embedded Redis did not stop within 30 seconds; stopping it forcibly");
                server.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
            return;
        }
        binary.ifPresent(ExtractedBinary::delete);
    }

    /** The library's settings file, named on the command line after the binary, which holds this start's password. */
    private static void deleteSettingsFile(List<String> command) {
        for (String argument : command.subList(1, command.size())) {
            if (argument.endsWith(".conf")) {
                try {
                    Files.deleteIfExists(Path.of(argument));
                } catch (IOException e) {
                    // owner-only, and the password dies with this Redis: not a reason to stop a started bot
                    log.warn("Could not delete the embedded Redis's settings file: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    /**
     * Runs the library's binary with its command line (what its own start does, less its shutdown hook) and
     * waits until Redis says it is ready. Where {@code setsid} exists, Redis gets a session of its own, so a
     * Ctrl-C in a terminal (sent to the whole foreground group) reaches the bot, which stops it in order, and not
     * Redis directly. Redis's own output (start-up notices, no data) is read and dropped.
     */
    private static Process run(List<String> command) throws IOException {
        List<String> line = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            line.add(SETSID.toString());
        }
        line.addAll(command);
        Process process = new ProcessBuilder(line).directory(Path.of(command.get(0)).getParent().toFile())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String read;
        while ((read = output.readLine()) != null && !READY.matcher(read).matches()) {
            seen.append(read).append('\n');
        }
        if (read == null) {
            process.destroyForcibly();
            String said = seen.toString().strip();
            throw ADDRESS_IN_USE.matcher(said).find() ? new PortTaken(said) : new IOException("Redis did not start: " + said);
        }
        Thread drain = new Thread(() -> {
            try (output) {
                while (output.readLine() != null) {
                    // dropped
                }
            } catch (IOException e) {
                // Redis stopped
            }
        }, "embedded-redis-output");
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    private static void prepare(Path folder) throws IOException {
        Files.createDirectories(folder);
        ownerOnly(folder, "rwx------");
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @FunctionalInterface
    interface PortPicker {
        int pick() throws IOException;
    }

    private static final class PortTaken extends IOException {
        PortTaken(String said) {
            super("Redis did not start: " + said);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
