package org.signpost.bot.redis;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where state lives. With no {@code url} (environment variable REDIS_URL) the app runs its own Redis
 * on 127.0.0.1, persisting to {@code dataFolder}.
 *
 * @param url         a {@link RedisUrl}: one server, a cluster or a Sentinel master; empty for embedded
 * @param dataFolder  the embedded Redis's folder (append-only file, generated password); owner-only
 * @param keyPrefix   prefix of every key, so several deployments can share one Redis
 * @param waitReplicas replicas that must have a survey submission before it is acknowledged (Redis WAIT);
 *                    unset: 1 for Sentinel and Cluster, 0 for one server
 * @param waitTimeout how long to wait for them; past it the person is told it may not have been saved
 * @param acceptEvictionPolicy start even when Redis's maxmemory-policy is not noeviction, or cannot be read
 *                    (a managed service that refuses CONFIG GET): only once you have checked it yourself
 * @param poolSize    connections per Redis node; a turn holds one at a time, so at least the turn threads
 * @param borrowWait  how long a command waits for a free connection before it fails (and its turn apologises)
 * @param connectTimeout opening a connection
 * @param socketTimeout  waiting for an answer. Jedis gives up on a connection that stops answering after
 *                    up to twice this, so the default lets a turn apologise within two seconds. A WAIT for
 *                    replicas longer than this breaks its connection instead of answering "not yet": the
 *                    person is told the same (it may not have been saved)
 * @param reuseOpenReads how long an instance reuses, for the menu, what it read of what is open to everyone (the
 *                    open survey round, whether a focus group takes sign-ups) instead of reading it on every turn.
 *                    A change made on this instance is seen here at once, one made on another within this; a
 *                    click on the survey's cards reads it fresh, and submissions and sign-ups check in Redis
 *                    itself. Zero reads it on every turn
 * @param reuseMenuReads how long an instance reuses, for a person's menu, what it read or learnt of whether anything
 *                    is left for them in a flow (the open round answered, every open session signed up for), under a
 *                    keyed one-way name in memory only. Their own submission, sign-up or withdrawal on this instance is
 *                    seen at once, one on another instance (or a session added) within this; a new round is never
 *                    answered from it, and asking for a flow or clicking its card reads fresh. Zero asks on every menu
 */
@ConfigurationProperties("signpost.redis")
public record RedisSettings(
        String url,
        @DefaultValue("data") Path dataFolder,
        @DefaultValue("signpost:") String keyPrefix,
        Integer waitReplicas,
        @DefaultValue("1s") Duration waitTimeout,
        @DefaultValue("false") boolean acceptEvictionPolicy,
        @DefaultValue("64") int poolSize,
        @DefaultValue("250ms") Duration borrowWait,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("800ms") Duration socketTimeout,
        Path tlsTrustStore,
        String tlsTrustStorePassword,
        @DefaultValue("1s") Duration reuseOpenReads,
        @DefaultValue("10s") Duration reuseMenuReads) {

    public RedisSettings {
        if (reuseOpenReads.isNegative()) {
            throw new IllegalArgumentException("signpost.redis.reuse-open-reads cannot be negative");
        }
        if (reuseMenuReads.isNegative()) {
            throw new IllegalArgumentException("signpost.redis.reuse-menu-reads cannot be negative");
        }
        if (poolSize < 1 || borrowWait.isNegative() || connectTimeout.isNegative() || connectTimeout.isZero()
                || socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("Redis needs a pool of at least one connection and positive timeouts");
        }
    }

    /** The pool and timeouts every client of this deployment's Redis uses. */
    public RedisUrl.Client client() {
        return new RedisUrl.Client(poolSize, borrowWait, connectTimeout, socketTimeout,
                new RedisUrl.Tls(tlsTrustStore, tlsTrustStorePassword));
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
