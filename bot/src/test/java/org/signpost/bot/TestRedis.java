package org.signpost.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.signpost.bot.redis.EmbeddedRedis;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A real Redis server for a test (the embedded one) and a client of it. */
public record TestRedis(EmbeddedRedis server, UnifiedJedis client) implements AutoCloseable {

    /**
     * One server for a test class ({@code @RegisterExtension static final}): started before its first test in
     * a folder of its own, stopped after its last, the folder deleted.
     */
    public static PerClass perClass() {
        return new PerClass(false);
    }

    /** As {@link #perClass()}, and emptied (FLUSHALL) before each test. */
    public static PerClass perClassEmptiedBeforeEach() {
        return new PerClass(true);
    }

    /**
     * Every key with its value as text (bytes as ISO-8859-1), read by type rather than DUMP (which may compress),
     * for scans that look for what must not be there. A key that expires while it is read is left out.
     */
    public static Map<String, String> contentOf(UnifiedJedis redis) {
        Map<String, String> content = new LinkedHashMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().count(500));
            for (String key : page.getResult()) {
                String value = switch (redis.type(key)) {
                    case "string" -> new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
                    case "hash" -> redis.hgetAll(key).toString();
                    case "set" -> redis.smembers(key).toString();
                    case "list" -> redis.lrange(key, 0, -1).toString();
                    case "zset" -> redis.zrange(key, 0, -1).toString();
                    case "none" -> null;
                    default -> throw new AssertionError("A key of an unexpected type: " + key);
                };
                if (value != null) {
                    content.put(key, value);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return content;
    }

    public static TestRedis start(Path folder) {
        EmbeddedRedis server = EmbeddedRedis.start(folder);
        return new TestRedis(server, client(server));
    }

    public static UnifiedJedis client(EmbeddedRedis server) {
        return RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", server.port()))
                .clientConfig(DefaultJedisClientConfig.builder().password(server.password()).build()).build();
    }

    /** The {@code signpost.redis.url} of this server, for an application a test starts. */
    public String url() {
        return "redis://:" + server.password() + "@127.0.0.1:" + server.port();
    }

    /** Waits until Redis has finished rewriting its append-only file (a rewrite runs in the background). */
    public static void awaitAppendOnlyRewrite(UnifiedJedis redis) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            String info = redis.info("persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Redis did not finish rewriting its append-only file");
    }

    public static Path tempFolder(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a file, or a folder and all it holds; what is not there is done. Tried again for a few seconds while
     * it fails (a stopped server's background child may still be writing into the folder as it is emptied).
     */
    public static void delete(Path path) {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                if (attempt == 50) {
                    throw new IllegalStateException("Could not delete " + path, e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    public static final class PerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

        private final boolean emptiedBeforeEach;
        private Path folder;
        private TestRedis redis;

        private PerClass(boolean emptiedBeforeEach) {
            this.emptiedBeforeEach = emptiedBeforeEach;
        }

        public UnifiedJedis client() {
            return redis.client();
        }

        public EmbeddedRedis server() {
            return redis.server();
        }

        public String url() {
            return redis.url();
        }

        /** Where the server keeps its append-only file. */
        public Path dataFolder() {
            return folder.resolve("redis");
        }

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            folder = Files.createTempDirectory("signpost-redis-");
            redis = start(folder.resolve("redis"));
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            if (emptiedBeforeEach) {
                redis.client().flushAll();
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            redis.close();
            delete(folder);
        }
    }
}
