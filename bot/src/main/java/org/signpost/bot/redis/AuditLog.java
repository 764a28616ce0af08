package org.signpost.bot.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which HR user viewed or downloaded what, and when ({@code hr} keyspace), kept for a configurable time.
 * It records HR identities only: the signed-in user's name, or in Teams the HR person's Entra object id;
 * never a respondent's anything. The privacy audit records its runs here too, and facilitators' and
 * ambassadors' pages their views and actions: one access log that every feature with pages writes to.
 */
public final class AuditLog {

    /** Sends a download to the person who asked for it; it throws if the download fails part way. */
    @FunctionalInterface
    public interface Sending<E extends Exception> {
        void send() throws E;
    }

    public record Entry(Instant at, String user, String action, String what) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final UnifiedJedis redis;
    private final String key;
    private final Duration retention;
    private final Clock clock;

    public AuditLog(UnifiedJedis redis, String prefix, Duration retention, Clock clock) {
        this.redis = redis;
        this.key = Keyspace.HR.key(prefix, "audit", ":log");
        this.retention = retention;
        this.clock = clock;
    }

    public void record(String user, String action, String what) {
        Instant now = clock.instant();
        String entry;
        try {
            // a random tag keeps two identical entries in the same millisecond apart in the sorted set
            entry = JSON.writeValueAsString(List.of(now.toEpochMilli(), user, action, what,
                    HexFormat.of().formatHex(nonce())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        redis.zadd(key, now.toEpochMilli(), entry);
        redis.zremrangeByScore(key, Double.NEGATIVE_INFINITY, now.minus(retention).toEpochMilli());
    }

    /**
     * A download, recorded as begun before its first byte (if that cannot be recorded, nothing is sent: no
     * attempt goes unrecorded), then as downloaded once all of it was sent, or as failed. A download that
     * broke off part way is never shown as downloaded. If the store fails just after a whole download went
     * out, the download still ends cleanly and the log shows it begun with no outcome: unknown, not done.
     */
    public <E extends Exception> void download(String user, String what, Sending<E> sending) throws E {
        record(user, "began downloading", what);
        try {
            sending.send();
        } catch (Throwable failed) {
            try {
                record(user, "failed to download", what);
            } catch (RuntimeException unrecorded) {
                failed.addSuppressed(unrecorded);
            }
            throw failed;
        }
        try {
            record(user, "downloaded", what);
        } catch (RuntimeException unrecorded) {
            // the file went out whole; failing now would make HR's client see a broken download
            LOG.warn("The audit log could not record that a download finished ({})", unrecorded.getClass().getName());
        }
    }

    /** The newest entries first, at most {@code limit}. */
    public List<Entry> newest(int limit) {
        return redis.zrevrange(key, 0, limit - 1).stream()
                .map(AuditLog::parse).toList();
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static Entry parse(String json) {
        try {
            List<?> fields = JSON.readValue(json, List.class);
            return new Entry(Instant.ofEpochMilli(((Number) fields.get(0)).longValue()), (String) fields.get(1),
                    (String) fields.get(2), (String) fields.get(3));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An unreadable audit entry", e);
        }
    }
}
