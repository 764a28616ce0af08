package org.signpost.bot.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A Redis server the app runs itself when no REDIS_URL is set: bound to 127.0.0.1 on a free port,
 * password-protected, persisting every write to an append-only file in the data folder.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;
    private final String password;

    private EmbeddedRedis(RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedRedis start(Path dataFolder) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        String password = newPassword();
        RedisServer server;
        int port;
        try {
            prepare(folder);
            port = freeLoopbackPort();
            // The library writes these settings to an owner-only temporary file, so the password
            // never appears on the command line or in the process list.
            server = RedisServer.newRedisServer()
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
                    .build();
            server.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded Redis with its data in " + folder + " on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ". Run a Redis server and "
                    + "set REDIS_URL, for example REDIS_URL=redis://:password@localhost:6379", e);
        }
        log.info("Embedded Redis started on 127.0.0.1:{} with its data in {}", port, folder);
        return new EmbeddedRedis(server, port, password);
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
