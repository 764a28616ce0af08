package org.signpost.bot.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * A sealed record in progress (a survey's answers, a flow's run) saved only over the revision it was read at: one
 * script compares and sets, so two instances or a redelivered activity cannot both write over the same read.
 * A revision is the SHA-1 of the stored record: an equality check (every record has a random nonce, so no two
 * are alike), not a security one. The record stored already counts as saved: a save made again after a lost
 * reply answers as its first attempt did.
 */
public final class RevisedSave {

    /** KEYS: the record. ARGV: the revision the new record replaces ('' for none), the sealed record, its TTL in ms. */
    private static final String SAVE = """
            local stored = redis.call('GET', KEYS[1])
            if stored == ARGV[2] then return 1 end
            if ARGV[1] == '' then
              if stored then return 0 end
            elseif not stored or redis.sha1hex(stored) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;
    private static final byte[] SCRIPT = SAVE.getBytes(StandardCharsets.UTF_8);
    /**
     * The same, KEYS[2] a hash whose {@code state} must be {@code open}: otherwise the record is deleted and
     * nothing saved, so nothing is kept for what has closed.
     */
    private static final byte[] WHILE_OPEN = ("""
            if redis.call('HGET', KEYS[2], 'state') ~= 'open' then
              redis.call('DEL', KEYS[1])
              return 0
            end
            """ + SAVE).getBytes(StandardCharsets.UTF_8);

    private RevisedSave() {
    }

    /**
     * Saves {@code sealed} under {@code key} if what is stored there is still {@code revision} ({@code null}: nothing
     * is stored yet); {@code saved} hears whether it was.
     */
    public static <T> Piped<T> call(UnifiedJedis redis, byte[] key, String revision, byte[] sealed, Duration ttl,
            Function<Boolean, T> saved) {
        return call(SCRIPT, redis, List.of(key), revision, sealed, ttl, saved);
    }

    /**
     * {@link #call}, only while the hash {@code state} (same hash slot as {@code key}) says {@code open}; otherwise
     * what is stored under {@code key} is deleted and the save answers false.
     */
    public static <T> Piped<T> callWhileOpen(UnifiedJedis redis, byte[] key, byte[] state, String revision,
            byte[] sealed, Duration ttl, Function<Boolean, T> saved) {
        return call(WHILE_OPEN, redis, List.of(key, state), revision, sealed, ttl, saved);
    }

    private static <T> Piped<T> call(byte[] script, UnifiedJedis redis, List<byte[]> keys, String revision,
            byte[] sealed, Duration ttl, Function<Boolean, T> saved) {
        List<byte[]> args = List.of((revision == null ? "" : revision).getBytes(StandardCharsets.UTF_8), sealed,
                Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8));
        return Piped.of(pipeline -> pipeline.eval(script, keys, args), reply -> saved.apply(Long.valueOf(1).equals(reply)),
                () -> saved.apply(Long.valueOf(1).equals(redis.eval(script, keys, args))));
    }

    /** The revision of a stored record, as the script computes it ({@code redis.sha1hex}). */
    public static String revision(byte[] stored) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(stored));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
