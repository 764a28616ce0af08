package org.signpost.bot.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where Redis is, as one URL (REDIS_URL), whatever its shape:
 * <ul>
 * <li>{@code redis://[user:password@]host:port[/database]}: one server (or a managed endpoint);</li>
 * <li>{@code redis-cluster://[user:password@]host:port,host:port,...}: Redis Cluster, from seed nodes;</li>
 * <li>{@code redis-sentinel://[user:password@]host:port,host:port,.../masterName[?sentinel-user=..&sentinel-password=..]}:
 * the master that the sentinels name, followed across failovers.</li>
 * </ul>
 * An extra {@code s} on the scheme ({@code rediss://}, {@code rediss-cluster://}, {@code rediss-sentinel://})
 * means TLS, with the certificate and its host name checked against the JVM's trust store, or a trust store of
 * its own ({@link Tls}). The user and
 * password are an ACL user (only a password: the {@code default} user); they are URL-encoded.
 */
public record RedisUrl(Mode mode, boolean tls, List<HostAndPort> nodes, String user, String password, int database,
        String masterName, String sentinelUser, String sentinelPassword) {

    public enum Mode { STANDALONE, CLUSTER, SENTINEL }

    /**
     * How the app talks to Redis, whatever its shape: a bounded pool per node whose borrowers wait a bounded
     * time, and timeouts on connecting and on every answer (Jedis's defaults are 8 connections and a wait
     * for ever).
     */
    public record Client(int poolSize, Duration borrowWait, Duration connectTimeout, Duration socketTimeout, Tls tls) {

        public static final Client DEFAULTS = new Client(64, Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofMillis(800), Tls.JVM_TRUST_STORE);

        public ConnectionPoolConfig pool() {
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(poolSize);
            pool.setMaxIdle(poolSize);
            pool.setBlockWhenExhausted(true);
            pool.setMaxWait(borrowWait);
            // every idle connection is checked every second (the pool's own default is 3 a run), so that within a
            // second of Redis coming back no turn meets one that died while it was away
            pool.setTestWhileIdle(true);
            pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
            pool.setNumTestsPerEvictionRun(-1);
            return pool;
        }

        DefaultJedisClientConfig.Builder timeouts(DefaultJedisClientConfig.Builder config) {
            return config.connectionTimeoutMillis((int) connectTimeout.toMillis())
                    .socketTimeoutMillis((int) socketTimeout.toMillis());
        }
    }

    /**
     * Whom a TLS connection trusts: the JVM's trust store, or a PKCS#12 trust store of the deployment's own
     * (a private certificate authority). Either way the server's certificate must name the host the URL
     * names: Jedis checks neither unless asked, so an attacker in the path could otherwise pose as Redis.
     */
    public record Tls(Path trustStore, String trustStorePassword) {

        public static final Tls JVM_TRUST_STORE = new Tls(null, null);

        SslOptions options() {
            SslOptions.Builder options = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL);
            if (trustStore != null) {
                options.truststore(trustStore.toFile(),
                        trustStorePassword == null ? null : trustStorePassword.toCharArray()).trustStoreType("PKCS12");
            }
            return options.build();
        }
    }

    public static RedisUrl parse(String url) {
        return RedisUrlParser.parse(url);
    }

    /** A client for this deployment: every command of one key (or one hash tag) goes to the node that holds it. */
    public UnifiedJedis connect() {
        return connect(Client.DEFAULTS);
    }

    /** The same, with this pool and these timeouts. */
    public UnifiedJedis connect(Client client) {
        JedisClientConfig config = client.timeouts(config(user, password, client).database(database)).build();
        return switch (mode) {
            case STANDALONE -> RedisClient.builder().hostAndPort(nodes.get(0)).clientConfig(config)
                    .poolConfig(client.pool()).build();
            case CLUSTER -> RedisClusterClient.builder().nodes(new LinkedHashSet<>(nodes)).clientConfig(config)
                    .poolConfig(client.pool()).build();
            case SENTINEL -> RedisSentinelClient.builder().masterName(masterName).sentinels(new LinkedHashSet<>(nodes))
                    .clientConfig(config).poolConfig(client.pool())
                    .sentinelClientConfig(client.timeouts(config(sentinelUser, sentinelPassword, client)).build()).build();
        };
    }

    /**
     * One server of this deployment by itself (a cluster's node, which the privacy audit reads one by one), with
     * the same user, password and TLS.
     */
    public UnifiedJedis connectTo(HostAndPort node, Client client) {
        return RedisClient.builder().hostAndPort(node).clientConfig(client.timeouts(config(user, password, client)).build())
                .build();
    }

    /** Whether the deployment has replicas by its shape: a Sentinel master always does, a cluster normally does. */
    public boolean replicated() {
        return mode != Mode.STANDALONE;
    }

    private DefaultJedisClientConfig.Builder config(String user, String password, Client client) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().ssl(tls).clientName("signpost");
        if (tls) {
            config.sslOptions(client.tls().options());
        }
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        return config;
    }

    @Override
    public String toString() {
        // never the password: this may end up in a log or an error
        return "RedisUrl[" + mode + (tls ? ", TLS" : "") + ", " + nodes + (user == null ? "" : ", user " + user)
                + (masterName == null ? "" : ", master " + masterName) + "]";
    }
}
