package org.signpost.bot.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.signpost.bot.redis.RedisServerSettings;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads the live store as a Redis reader would: every key (SCAN), its type, time to live and content
 * (a hash's fields in Redis's own order), and the server's settings that matter. Read only: it writes
 * nothing, and never DUMPs (whose encoding may compress and hide text).
 *
 * <p>On Redis Cluster each master holds its own share of the keys and every node has its own settings and
 * ACL users: the audit scans every master through a connection of its own, reads each key through the
 * cluster (which sends it to the key's master), and reads the settings of every node, replicas included.
 * Elsewhere (one server, or the master a Sentinel names) it reads that server, and counts the replicas it
 * did not read.
 */
final class RedisReader {

    /** What was read: the keys, and from which servers (counted, never named). */
    record Snapshot(List<StoredKey> keys, ServersRead servers) {
    }

    private RedisReader() {
    }

    /** Opens one server of the deployment by itself, as the app's user (or the operator's, for the command). */
    interface Nodes {
        UnifiedJedis open(HostAndPort node);
    }

    static Snapshot read(UnifiedJedis redis, Nodes nodes, String appUser, boolean external) {
        if (redis instanceof RedisClusterClient cluster) {
            return readCluster(cluster, nodes, appUser, external);
        }
        List<StoredKey> keys = new ArrayList<>();
        for (String key : scan(redis)) {
            read(redis, key).ifPresent(keys::add);
        }
        long replicas = RedisServerSettings.info(redis, "replication", "connected_slaves").map(Long::parseLong)
                .orElse(-1L);
        return new Snapshot(keys, new ServersRead(List.of(server(redis, appUser, external)), 1, 0, replicas));
    }

    /**
     * The cluster's masters and replicas as CLUSTER SLOTS lists them (as the client finds them), each read
     * through a connection of its own: the client's own pools cover only the masters it has been sent to.
     */
    private static Snapshot readCluster(RedisClusterClient cluster, Nodes nodes, String appUser, boolean external) {
        Set<HostAndPort> masters = new LinkedHashSet<>();
        Set<HostAndPort> replicas = new LinkedHashSet<>();
        for (Object range : (List<?>) cluster.sendCommand(Protocol.Command.CLUSTER, "SLOTS")) {
            List<?> shard = (List<?>) range;
            for (int i = 2; i < shard.size(); i++) {
                List<?> node = (List<?>) shard.get(i);
                (i == 2 ? masters : replicas).add(new HostAndPort(text(node.get(0)), ((Long) node.get(1)).intValue()));
            }
        }
        replicas.removeAll(masters);
        Set<String> names = new LinkedHashSet<>();
        List<ServerFacts> servers = new ArrayList<>();
        for (HostAndPort address : masters) {
            try (UnifiedJedis node = nodes.open(address)) {
                servers.add(server(node, appUser, external));
                names.addAll(scan(node));
            }
        }
        for (HostAndPort address : replicas) {
            try (UnifiedJedis node = nodes.open(address)) {
                servers.add(server(node, appUser, external));
            }
        }
        List<StoredKey> keys = new ArrayList<>();
        for (String key : names) {
            read(cluster, key).ifPresent(keys::add);
        }
        return new Snapshot(keys, new ServersRead(servers, masters.size(), replicas.size(), 0));
    }

    private static List<String> scan(UnifiedJedis redis) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    /** Empty when the key went (expired or deleted) between SCAN and reading it. */
    private static Optional<StoredKey> read(UnifiedJedis redis, String key) {
        String type = redis.type(key);
        long ttl = redis.pttl(key);
        StoredKey stored = switch (type) {
            case "string" -> {
                byte[] value = redis.get(key.getBytes(StandardCharsets.UTF_8));
                yield value == null ? null : new StoredKey(key, type, ttl, List.of(), Map.of(), value);
            }
            case "hash" -> new StoredKey(key, type, ttl, hashFields(redis, key), redis.hgetAll(key), new byte[0]);
            case "set" -> new StoredKey(key, type, ttl, List.copyOf(redis.smembers(key)), Map.of(), new byte[0]);
            case "zset" -> new StoredKey(key, type, ttl, redis.zrange(key, 0, -1), Map.of(), new byte[0]);
            case "list" -> new StoredKey(key, type, ttl, redis.lrange(key, 0, -1), Map.of(), new byte[0]);
            case "none" -> null;
            default -> new StoredKey(key, type, ttl, List.of(), Map.of(), new byte[0]);
        };
        return Optional.ofNullable(stored);
    }

    /** HKEYS, in the order Redis keeps: which fields were created first shows through it. */
    private static List<String> hashFields(UnifiedJedis redis, String key) {
        List<String> fields = new ArrayList<>();
        for (Object field : (List<?>) redis.sendCommand(key, Protocol.Command.HKEYS, key)) {
            fields.add(text(field));
        }
        return fields;
    }

    private static ServerFacts server(UnifiedJedis redis, String appUser, boolean external) {
        Optional<String> policy = RedisServerSettings.info(redis, "memory", "maxmemory_policy")
                .or(() -> RedisServerSettings.config(redis, "maxmemory-policy"));
        return new ServerFacts(policy, RedisServerSettings.config(redis, "notify-keyspace-events"), aclUsers(redis), appUser, external);
    }

    private static Optional<List<ServerFacts.AclUser>> aclUsers(UnifiedJedis redis) {
        Object reply;
        try {
            reply = redis.sendCommand(Protocol.Command.ACL, "LIST");
        } catch (JedisDataException refused) {
            return Optional.empty();
        }
        List<ServerFacts.AclUser> users = new ArrayList<>();
        for (Object line : (List<?>) reply) {
            // "user <name> <rule> <rule> ..."; passwords appear only as hashes, and are dropped here
            List<String> words = Arrays.asList(text(line).split(" "));
            if (words.size() >= 2 && words.get(0).equals("user")) {
                users.add(new ServerFacts.AclUser(words.get(1), words.subList(2, words.size()).stream()
                        .filter(rule -> !rule.startsWith("#") && !rule.startsWith(">")).toList()));
            }
        }
        return Optional.of(users);
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
