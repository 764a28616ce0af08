package org.signpost.bot.redis;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where state lives. With no {@code url} (environment variable REDIS_URL) the app runs its own Redis
 * on 127.0.0.1, persisting to {@code dataFolder}.
 *
 * @param url         {@code redis://[user:password@]host:port} or {@code rediss://} for TLS; empty for embedded
 * @param dataFolder  the embedded Redis's folder (append-only file, generated password); owner-only
 * @param keyPrefix   prefix of every key, so several deployments can share one Redis
 */
@ConfigurationProperties("signpost.redis")
public record RedisSettings(
        String url,
        @DefaultValue("data") Path dataFolder,
        @DefaultValue("signpost:") String keyPrefix) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
