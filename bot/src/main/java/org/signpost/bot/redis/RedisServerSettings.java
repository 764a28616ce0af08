package org.signpost.bot.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.KeyValue;

/** What a Redis server says of its own settings, read as the start-up checks and the privacy audit need it. */
public final class RedisServerSettings {

    private RedisServerSettings() {
    }

    /** A field of an INFO section; empty when INFO is refused or lacks it. */
    public static Optional<String> info(UnifiedJedis redis, String section, String field) {
        try {
            for (String line : redis.info(section).split("\\R")) {
                if (line.startsWith(field + ":")) {
                    return Optional.of(line.substring(field.length() + 1).strip());
                }
            }
        } catch (JedisDataException refused) {
            // an ACL without INFO
        }
        return Optional.empty();
    }

    /** A setting's value; empty when Redis refuses CONFIG GET (a managed service, or an ACL without it). */
    public static Optional<String> config(UnifiedJedis redis, String name) {
        Object reply;
        try {
            reply = redis.sendCommand(Protocol.Command.CONFIG, "GET", name);
        } catch (JedisDataException refused) {
            return Optional.empty();
        }
        if (reply instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof KeyValue<?, ?> pair && name.equals(text(pair.getKey()))) {
                    return Optional.of(text(pair.getValue()));
                }
                if (i + 1 < list.size() && name.equals(text(item))) {
                    return Optional.of(text(list.get(i + 1)));
                }
            }
        }
        return Optional.empty();
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
