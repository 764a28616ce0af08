package org.signpost.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.signpost.bot.redis.EmbeddedRedis;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** A real Redis server for a test (the embedded one) and a client of it. */
public record TestRedis(EmbeddedRedis server, UnifiedJedis client) implements AutoCloseable {

    public static TestRedis start(Path folder) {
        EmbeddedRedis server = EmbeddedRedis.start(folder);
        return new TestRedis(server, client(server));
    }

    public static UnifiedJedis client(EmbeddedRedis server) {
        return RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", server.port()))
                .clientConfig(DefaultJedisClientConfig.builder().password(server.password()).build()).build();
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

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
