package org.signpost.bot.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.redis.RedisServerSettings;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads the live store as a Redis reader would: every key (SCAN), its type, time to live and content
 * (a hash's fields in Redis's own order), and the server's settings that matter. Read only: it writes
 * nothing, and never DUMPs (whose encoding may compress and hide text).
 */
final class RedisReader {

    private RedisReader() {
    }

    static List<StoredKey> keys(UnifiedJedis redis) {
        List<StoredKey> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
            for (String key : page.getResult()) {
                read(redis, key).ifPresent(keys::add);
            }
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
        for (Object field : (List<?>) redis.sendCommand(Protocol.Command.HKEYS, key)) {
            fields.add(text(field));
        }
        return fields;
    }

    static ServerFacts server(UnifiedJedis redis, String appUser, boolean external) {
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
