package org.signpost.bot.survey;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.bot.redis.Durability;
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyProgress;
import org.signpost.dialogs.survey.SurveyProgressStore;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A round in Redis: its totals ({@code agg}), its respondent tokens ({@code resp}) and the answers in
 * progress ({@code progress}). All keys of a round share the round id as their hash tag, so submit is
 * one Lua script on one slot: atomic, and one round trip whatever the number of questions.
 *
 * <p>Answers in progress are sealed: stored under a keyed one-way name of the conversation, encrypted
 * (AES-GCM, the key name as associated data) in a record of one fixed length per survey, and saved by
 * compare-and-set, so a late save can neither bring answers back after submit nor overwrite another click.
 */
final class RedisSurveyStore implements SurveyTotals, SurveyProgressStore {

    enum Opened { OPENED, ALREADY_OPEN, CLOSED, SURVEY_CHANGED, META_LOST, TOKEN_KEY_CHANGED, TOKEN_KEY_NOT_PINNED }

    /**
     * KEYS: meta, tokens, then each hash. ARGV: structure hash, token-key fingerprint, then per hash: field
     * count, fields. A round whose counters or tokens exist without its metadata is never opened again: it
     * would start from zero and silently lose its totals.
     */
    private static final String OPEN = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if state then
              if state ~= 'open' then return 'CLOSED' end
              if redis.call('HGET', KEYS[1], 'structure') ~= ARGV[1] then return 'SURVEY_CHANGED' end
              local pinned = redis.call('HGET', KEYS[1], 'token-key')
              if not pinned then return 'TOKEN_KEY_NOT_PINNED' end
              if pinned ~= ARGV[2] then return 'TOKEN_KEY_CHANGED' end
              return 'ALREADY_OPEN'
            end
            if redis.call('EXISTS', unpack(KEYS, 2)) > 0 then return 'META_LOST' end
            local a = 3
            for k = 3, #KEYS do
              local n = tonumber(ARGV[a]); a = a + 1
              local fields = {}
              for i = 1, n do fields[#fields + 1] = ARGV[a]; fields[#fields + 1] = 0; a = a + 1 end
              redis.call('HSET', KEYS[k], unpack(fields))
            end
            redis.call('HSET', KEYS[1], 'state', 'open', 'structure', ARGV[1], 'token-key', ARGV[2], 'submissions', 0)
            return 'OPENED'
            """;

    /**
     * KEYS: meta, tokens, progress, then every counter hash of the round in layout order, overall first.
     * ARGV: token, trial flag, overall field count and fields, group field count and fields, then one
     * character per group hash: 1 for the person's groups, 0 for the others.
     *
     * <p>Uniform touches: every hash is read with one HMGET and written with one HSET of the same fields,
     * whichever groups the person is in; the hashes they are not in get their current values back. So idle
     * time, access frequency and field order of every hash are the same after any submission, and keyspace
     * events too. It is also the cheapest uniform scheme measured (docs/benchmarks.md): two commands per
     * hash, where an HINCRBY of 0 or 1 per field of every hash takes one per field, and padding the other
     * hashes with reads is not the same commands (keyspace events and command statistics still differ).
     * Every field must already exist (created at 0 when the round opened): nothing can invent a counter,
     * and a missing one stops the script before anything is written.
     *
     * <p>A value that does not change goes back as the string it was read as, and one that does is formatted
     * as an integer: a Lua number handed to a Redis command is printed with {@code %.17g} (Redis 6.2), which was
     * a seventh of a staff-survey submission's Redis CPU (docs/benchmarks.md). The commands and bytes are the same.
     */
    private static final String SUBMIT = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'open' then return -1 end
            local overall, group = {}, {}
            local a = 3
            local n = tonumber(ARGV[a]); a = a + 1
            for i = 1, n do overall[i] = ARGV[a]; a = a + 1 end
            n = tonumber(ARGV[a]); a = a + 1
            for i = 1, n do group[i] = ARGV[a]; a = a + 1 end
            local mine = ARGV[a]
            local current = {}
            for k = 4, #KEYS do
              local fields = k == 4 and overall or group
              local values = redis.call('HMGET', KEYS[k], unpack(fields))
              for i = 1, #fields do
                if not values[i] then return -2 end
              end
              current[k] = values
            end
            redis.call('DEL', KEYS[3])
            if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
            for k = 4, #KEYS do
              local fields = k == 4 and overall or group
              local add = (k == 4 or string.sub(mine, k - 4, k - 4) == '1') and 1 or 0
              local written = {}
              for i = 1, #fields do
                written[2 * i - 1] = fields[i]
                written[2 * i] = add == 1 and string.format('%d', tonumber(current[k][i]) + 1) or current[k][i]
              end
              redis.call('HSET', KEYS[k], unpack(written))
            end
            if ARGV[2] == '1' then redis.call('HSET', KEYS[1], 'trial', 1) end
            return redis.call('HINCRBY', KEYS[1], 'submissions', 1)
            """;

    /**
     * KEYS: progress. ARGV: the revision the new record replaces ('' for none), the sealed record, its TTL
     * in ms. A revision is the SHA-1 of the stored record: an equality check (each record has a random
     * nonce, so no two are alike), not a security one. The record stored already counts as saved: a save
     * made again after a lost reply answers as its first attempt did.
     */
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

    private static final byte[] SAVE_SCRIPT = SAVE.getBytes(StandardCharsets.UTF_8);

    /**
     * KEYS: meta, tokens. Closing is final: the tokens go, and the round never opens again. Returns 1 when
     * this closed it, 0 when it was closed already.
     */
    private static final String CLOSE = """
            local was = redis.call('HGET', KEYS[1], 'state')
            redis.call('HSET', KEYS[1], 'state', 'closed')
            redis.call('DEL', KEYS[2])
            return was == 'closed' and 0 or 1
            """;

    private final UnifiedJedis redis;
    private final String prefix;
    private final Settings settings;
    private final Pseudonyms conversations;
    private final Seal seal;
    private final AppendOnlyRewrites rewrites;
    private final Durability durability;

    /**
     * @param tokenKeyFingerprint pinned by each round this store opens
     * @param trial               senders are not vouched for (a local trial): rounds they count are marked
     * @param rewriteEvery        ask for an append-only rewrite after every this many submissions
     */
    record Settings(String tokenKeyFingerprint, boolean trial, int rewriteEvery, Duration progressTtl) {
    }

    RedisSurveyStore(UnifiedJedis redis, String prefix, Settings settings, Pseudonyms conversations, Seal seal,
            AppendOnlyRewrites rewrites, Durability durability) {
        this.redis = redis;
        this.prefix = prefix;
        this.settings = settings;
        this.conversations = conversations;
        this.seal = seal;
        this.rewrites = rewrites;
        this.durability = durability;
    }

    Opened open(SurveyRound round) {
        Map<String, List<String>> hashes = CounterLayout.allFields(round.survey());
        List<String> keys = new ArrayList<>(List.of(meta(round.id()), tokens(round.id())));
        List<String> args = new ArrayList<>(List.of(round.survey().structureHash(), settings.tokenKeyFingerprint()));
        hashes.forEach((hash, fields) -> {
            keys.add(hash(round.id(), hash));
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
        });
        Opened opened = Opened.valueOf((String) redis.eval(OPEN, keys, args));
        if (opened == Opened.OPENED) {
            rewrites.changed(meta(round.id()));
        }
        return opened;
    }

    /** Closes a round for good (also one that never opened); false when it was closed already. */
    boolean close(String roundId) {
        Object closed = redis.eval(CLOSE, List.of(meta(roundId), tokens(roundId)), List.of());
        rewrites.now(meta(roundId));
        return Long.valueOf(1).equals(closed);
    }

    /** The round's state as its metadata says ("open", "closed"); empty when it never opened. */
    Optional<String> state(String roundId) {
        return Optional.ofNullable(redis.hget(meta(roundId), "state"));
    }

    @Override
    public boolean hasResponded(String roundId, String token) {
        return hasRespondedCall(roundId, token).alone();
    }

    @Override
    public Piped<Boolean> hasRespondedCall(String roundId, String token) {
        String tokens = tokens(roundId);
        return Piped.of(pipeline -> pipeline.sismember(tokens, token), Boolean.TRUE::equals,
                () -> redis.sismember(tokens, token));
    }

    @Override
    public Outcome submit(String roundId, String token, CounterLayout.Submission submission, String conversationKey) {
        List<String> keys = new ArrayList<>(List.of(meta(roundId), tokens(roundId), progress(roundId, conversationKey)));
        List<String> args = new ArrayList<>(List.of(token, settings.trial() ? "1" : "0"));
        args.add(Integer.toString(submission.overallFields().size()));
        args.addAll(submission.overallFields());
        args.add(Integer.toString(submission.groupFields().size()));
        args.addAll(submission.groupFields());
        StringBuilder mine = new StringBuilder();
        for (String hash : submission.hashes()) {
            keys.add(hash(roundId, hash));
            if (!hash.equals(CounterLayout.OVERALL)) {
                mine.append(submission.groups().contains(hash) ? '1' : '0');
            }
        }
        args.add(mine.toString());
        long result;
        boolean replicated;
        try {
            Durability.Written written = durability.eval(SUBMIT, keys, args);
            result = (Long) written.result();
            replicated = written.replicated();
        } catch (JedisConnectionException e) {
            return connectFailure(e) ? Outcome.NOT_SAVED : Outcome.UNKNOWN;
        } finally {
            rewrites.changed(meta(roundId));
        }
        if (result == -2) {
            throw new IllegalStateException("A submission named a counter the round does not have");
        }
        if (result < 0) {
            return Outcome.ROUND_CLOSED;
        }
        if (result == 0) {
            return Outcome.ALREADY_COUNTED;
        }
        if (result % settings.rewriteEvery() == 0) {
            rewrites.now(meta(roundId));
        }
        // counted on the master, but a failover now could lose it: the truth is "may not have been saved"
        return replicated ? Outcome.COUNTED : Outcome.UNKNOWN;
    }

    @Override
    public Optional<SurveyProgress> load(SurveyRound round, String conversationKey) {
        byte[] name = progress(round.id(), conversationKey).getBytes(StandardCharsets.UTF_8);
        return opened(round, conversationKey, name, redis.get(name));
    }

    /** The record's read, in a pipeline with others; opened only once given the round, checked open by then. */
    @Override
    public Together.Call<Function<SurveyRound, Optional<SurveyProgress>>> loadAheadCall(String roundId,
            String conversationKey) {
        if (!SurveyRound.validId(roundId)) {
            // a forged round id names no key
            return SurveyProgressStore.super.loadAheadCall(roundId, conversationKey);
        }
        byte[] name = progress(roundId, conversationKey).getBytes(StandardCharsets.UTF_8);
        return Piped.of(pipeline -> pipeline.get(name), stored -> round -> opened(round, conversationKey, name, stored),
                () -> {
                    byte[] stored = redis.get(name);
                    return round -> opened(round, conversationKey, name, stored);
                });
    }

    /** A record read under {@code name}, the round's key for the conversation, opened. */
    private Optional<SurveyProgress> opened(SurveyRound round, String conversationKey, byte[] name, byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        Optional<SurveyProgress> opened = seal.open(stored, name)
                .flatMap(plain -> ProgressCodec.decode(round.survey(), round.id(), plain));
        if (opened.isEmpty()) {
            // sealed under another key, or for another version of the survey: start again rather than guess
            delete(round.id(), conversationKey);
        }
        return opened.map(progress -> progress.at(revision(stored)));
    }

    @Override
    public boolean save(SurveyRound round, String conversationKey, SurveyProgress progress) {
        return saveCall(round, conversationKey, progress).alone();
    }

    @Override
    public Piped<Boolean> saveCall(SurveyRound round, String conversationKey, SurveyProgress progress) {
        String key = progress(round.id(), conversationKey);
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal.seal(ProgressCodec.encode(round.survey(), progress), name);
        List<byte[]> keys = List.of(name);
        List<byte[]> args = List.of((progress.revision() == null ? "" : progress.revision())
                .getBytes(StandardCharsets.UTF_8), sealed,
                Long.toString(settings.progressTtl().toMillis()).getBytes(StandardCharsets.UTF_8));
        return Piped.of(pipeline -> pipeline.eval(SAVE_SCRIPT, keys, args), saved -> saved(round, saved),
                () -> saved(round, redis.eval(SAVE_SCRIPT, keys, args)));
    }

    private boolean saved(SurveyRound round, Object reply) {
        rewrites.changed(meta(round.id()));
        return Long.valueOf(1).equals(reply);
    }

    @Override
    public void delete(String roundId, String conversationKey) {
        redis.del(progress(roundId, conversationKey));
        rewrites.changed(meta(roundId));
    }

    /**
     * Asks Redis to rewrite its append-only file; throws when it refuses. In a cluster it goes to the
     * master of the slot of {@code routingKey} (a round's key), or to any node without one.
     */
    static void requestRewrite(UnifiedJedis redis, String routingKey) {
        if (routingKey == null) {
            redis.sendCommand(Protocol.Command.BGREWRITEAOF);
        } else {
            redis.sendCommand(routingKey, Protocol.Command.BGREWRITEAOF);
        }
    }

    /** Nothing was sent when the connection could not even be made (Jedis attaches that cause as suppressed). */
    private static boolean connectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (connectFailure(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String revision(byte[] stored) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(stored));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String meta(String roundId) {
        return Keyspace.AGG.key(prefix, roundId, ":meta");
    }

    String hash(String roundId, String hash) {
        return Keyspace.AGG.key(prefix, roundId, ":" + hash);
    }

    String tokens(String roundId) {
        return Keyspace.RESP.key(prefix, roundId);
    }

    /** Named by a keyed one-way id of round and conversation: the key names no conversation. */
    String progress(String roundId, String conversationKey) {
        return Keyspace.PROGRESS.key(prefix, roundId, ":" + conversations.of(roundId, conversationKey));
    }
}
