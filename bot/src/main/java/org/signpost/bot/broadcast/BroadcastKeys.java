package org.signpost.bot.broadcast;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.signpost.bot.redis.Keyspace;

/**
 * Where announcements are kept in the {@code bcast} keyspace. A tenant's keys (its queue, its announcements'
 * records, its roster pass, its rate window) share one hash tag, a digest of the tenant id, so each step's
 * script runs over keys of one slot; the list of tenants, and which tenant each announcement belongs to, are
 * keys of their own.
 */
final class BroadcastKeys {

    private final String prefix;

    BroadcastKeys(String prefix) {
        this.prefix = prefix;
    }

    String key(String tenant, String suffix) {
        return Keyspace.BCAST.key(prefix, tag(tenant), ":" + suffix);
    }

    String metaPrefix(String tenant) {
        return key(tenant, "b:");
    }

    String meta(String tenant, String broadcastId) {
        return metaPrefix(tenant) + broadcastId;
    }

    String tenants() {
        return Keyspace.BCAST.key(prefix, "tenants");
    }

    /** Which tenant a broadcast belongs to: its id starts with nothing of it, so a small index. */
    String owners() {
        return Keyspace.BCAST.key(prefix, "tenants", ":of");
    }

    static String tag(String tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
