package org.signpost.bot.redis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.microsoft.bot.builder.Storage;
import com.microsoft.bot.builder.StoreItem;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Bot Framework's {@link Storage} in one Redis keyspace, with eTag optimistic concurrency and the
 * keyspace's TTL. Values are JSON with type information restricted to an allow-list of packages, since
 * unrestricted polymorphic typing would let stored data name any class on the classpath.
 */
public final class RedisStorage implements Storage {

    static final List<String> ALLOWED_PACKAGES =
            List.of("com.microsoft.bot.", "java.util.", "java.lang.", "java.time.", "org.signpost.");

    /** KEYS[1] item; ARGV: expected eTag ("" = must not exist, "*" = any), new eTag, type, json, ttl ms (0 = none). */
    private static final String WRITE = """
            local current = redis.call('HGET', KEYS[1], 'etag')
            if ARGV[1] == '' and current then return 0 end
            if ARGV[1] ~= '' and ARGV[1] ~= '*' and current and current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'type', ARGV[3], 'json', ARGV[4])
            if tonumber(ARGV[5]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
            return 1
            """;

    private final UnifiedJedis redis;
    private final String prefix;
    private final Keyspace keyspace;
    private final ObjectMapper mapper;

    RedisStorage(UnifiedJedis redis, String prefix, Keyspace keyspace) {
        this.redis = redis;
        this.prefix = prefix;
        this.keyspace = keyspace;
        BasicPolymorphicTypeValidator.Builder allowed = BasicPolymorphicTypeValidator.builder().allowIfSubTypeIsArray();
        ALLOWED_PACKAGES.forEach(allowed::allowIfSubType);
        PolymorphicTypeValidator validator = allowed.build();
        this.mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .findAndRegisterModules()
                .activateDefaultTyping(validator, ObjectMapper.DefaultTyping.OBJECT_AND_NON_CONCRETE);
    }

    @Override
    public CompletableFuture<Map<String, Object>> read(String[] keys) {
        Map<String, Object> found = new HashMap<>();
        try {
            for (String key : keys) {
                Map<String, String> item = redis.hgetAll(redisKey(key));
                if (item.isEmpty()) {
                    continue;
                }
                Object value = mapper.readValue(item.get("json"), allowedType(item.get("type")));
                if (value instanceof StoreItem storeItem) {
                    storeItem.setETag(item.get("etag"));
                }
                found.put(key, value);
            }
            return CompletableFuture.completedFuture(found);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> write(Map<String, Object> changes) {
        try {
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                Object value = change.getValue();
                String expected = value instanceof StoreItem item ? eTagCondition(item.getETag()) : "*";
                String newETag = UUID.randomUUID().toString();
                long ttl = keyspace.ttl().map(java.time.Duration::toMillis).orElse(0L);
                Object written = redis.eval(WRITE, List.of(redisKey(change.getKey())), List.of(expected, newETag,
                        value.getClass().getName(), mapper.writeValueAsString(value), Long.toString(ttl)));
                if (!Long.valueOf(1).equals(written)) {
                    throw new StorageConflictException();
                }
                if (value instanceof StoreItem item) {
                    item.setETag(newETag);
                }
            }
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> delete(String[] keys) {
        try {
            for (String key : keys) {
                redis.del(redisKey(key));
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private String redisKey(String storageKey) {
        return keyspace.key(prefix, storageKey);
    }

    private static String eTagCondition(String eTag) {
        return eTag == null ? "" : eTag;
    }

    private static Class<?> allowedType(String name) throws ClassNotFoundException {
        if (name == null || ALLOWED_PACKAGES.stream().noneMatch(name::startsWith)) {
            throw new ClassNotFoundException("Stored type outside the allowed packages");
        }
        return Class.forName(name, false, RedisStorage.class.getClassLoader());
    }

    /** Another writer changed the item since it was read. */
    public static final class StorageConflictException extends IllegalStateException {
        StorageConflictException() {
            super("eTag conflict writing a storage item");
        }
    }
}
