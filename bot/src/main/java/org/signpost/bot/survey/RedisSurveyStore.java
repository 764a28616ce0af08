package org.signpost.bot.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.redis.Durability;
import org.signpost.bot.redis.Keyspace;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyProgress;
import org.signpost.dialogs.survey.SurveyProgressStore;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyTotals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.SetParams;

/**
 * A round in Redis: its totals ({@code agg}), its respondent tokens ({@code resp}) and the answers in
 * progress ({@code progress}). All keys of a round share the round id as their hash tag, so submit is
 * one Lua script on one slot: atomic, and one round trip whatever the number of questions.
 */
final class RedisSurveyStore implements SurveyTotals, SurveyProgressStore {

    private static final Logger log = LoggerFactory.getLogger(RedisSurveyStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Opened { OPENED, ALREADY_OPEN, CLOSED, SURVEY_CHANGED }

    /** KEYS: meta, then each hash. ARGV: structure hash, then per hash: field count, fields. */
    private static final String OPEN = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if state then
              if state == 'open' and redis.call('HGET', KEYS[1], 'structure') ~= ARGV[1] then return 'SURVEY_CHANGED' end
              return state == 'open' and 'ALREADY_OPEN' or 'CLOSED'
            end
            local a = 2
            for k = 2, #KEYS do
              local n = tonumber(ARGV[a]); a = a + 1
              local fields = {}
              for i = 1, n do fields[#fields + 1] = ARGV[a]; fields[#fields + 1] = 0; a = a + 1 end
              redis.call('HSET', KEYS[k], unpack(fields))
            end
            redis.call('HSET', KEYS[1], 'state', 'open', 'structure', ARGV[1], 'submissions', 0)
            return 'OPENED'
            """;

    /**
     * KEYS: meta, tokens, progress, then each hash to add to. ARGV: token, then per hash: field count,
     * fields. Every field must already exist (created when the round opened), so nothing can invent a
     * counter; the token goes in first and the counters move only if it was new; the answers in progress
     * go in the same step, so no snapshot or rewrite can catch them after they were counted.
     */
    private static final String SUBMIT = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'open' then return -1 end
            local a = 2
            for k = 4, #KEYS do
              local n = tonumber(ARGV[a]); a = a + 1
              for i = 1, n do
                if redis.call('HEXISTS', KEYS[k], ARGV[a]) == 0 then return -2 end
                a = a + 1
              end
            end
            redis.call('DEL', KEYS[3])
            if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
            a = 2
            for k = 4, #KEYS do
              local n = tonumber(ARGV[a]); a = a + 1
              for i = 1, n do redis.call('HINCRBY', KEYS[k], ARGV[a], 1); a = a + 1 end
            end
            return redis.call('HINCRBY', KEYS[1], 'submissions', 1)
            """;

    /** KEYS: meta, tokens. Closing is final: the tokens go, and the round never opens again. */
    private static final String CLOSE = """
            redis.call('HSET', KEYS[1], 'state', 'closed')
            redis.call('DEL', KEYS[2])
            return 1
            """;

    private final UnifiedJedis redis;
    private final String prefix;
    private final int rewriteEvery;
    private final Duration progressTtl;
    private final Durability durability;

    /** A store that counts a submission as kept once the server has it (no replicas to wait for). */
    RedisSurveyStore(UnifiedJedis redis, String prefix, int rewriteEvery, Duration progressTtl) {
        this(redis, prefix, rewriteEvery, progressTtl, new Durability(redis, 0, Duration.ofSeconds(1)));
    }

    RedisSurveyStore(UnifiedJedis redis, String prefix, int rewriteEvery, Duration progressTtl, Durability durability) {
        this.redis = redis;
        this.prefix = prefix;
        this.rewriteEvery = rewriteEvery;
        this.progressTtl = progressTtl;
        this.durability = durability;
    }

    Opened open(SurveyRound round) {
        Map<String, List<String>> hashes = CounterLayout.allFields(round.survey());
        List<String> keys = new ArrayList<>(List.of(meta(round.id())));
        List<String> args = new ArrayList<>(List.of(round.survey().structureHash()));
        hashes.forEach((hash, fields) -> {
            keys.add(hash(round.id(), hash));
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
        });
        return Opened.valueOf((String) redis.eval(OPEN, keys, args));
    }

    void close(String roundId) {
        redis.eval(CLOSE, List.of(meta(roundId), tokens(roundId)), List.of());
        rewriteAppendOnlyFile(roundId);
    }

    @Override
    public boolean hasResponded(String roundId, String token) {
        return redis.sismember(tokens(roundId), token);
    }

    @Override
    public Outcome submit(String roundId, String token, Map<String, List<String>> increments,
            String conversationKey) {
        List<String> keys = new ArrayList<>(List.of(meta(roundId), tokens(roundId), progress(roundId, conversationKey)));
        List<String> args = new ArrayList<>(List.of(token));
        increments.forEach((hash, fields) -> {
            keys.add(hash(roundId, hash));
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
        });
        long result;
        boolean replicated;
        try {
            Durability.Written written = durability.eval(SUBMIT, keys, args);
            result = (Long) written.result();
            replicated = written.replicated();
        } catch (JedisConnectionException e) {
            return connectFailure(e) ? Outcome.NOT_SAVED : Outcome.UNKNOWN;
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
        if (result % rewriteEvery == 0) {
            rewriteAppendOnlyFile(roundId);
        }
        // counted on the master, but a failover now could lose it: the truth is "may not have been saved"
        return replicated ? Outcome.COUNTED : Outcome.UNKNOWN;
    }

    @Override
    public Optional<SurveyProgress> load(String roundId, String conversationKey) {
        String json = redis.get(progress(roundId, conversationKey));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, SurveyProgress.class));
        } catch (JsonProcessingException e) {
            // unreadable (written by another version): start again rather than guess
            delete(roundId, conversationKey);
            return Optional.empty();
        }
    }

    @Override
    public void save(String conversationKey, SurveyProgress saved) {
        try {
            redis.set(progress(saved.roundId(), conversationKey), JSON.writeValueAsString(saved),
                    SetParams.setParams().px(progressTtl.toMillis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write survey progress", e);
        }
    }

    @Override
    public void delete(String roundId, String conversationKey) {
        redis.del(progress(roundId, conversationKey));
    }

    /**
     * Until Redis rewrites its append-only file, the file holds each submission's increments together;
     * a rewrite leaves only the totals. In a cluster it goes to the master that holds the round's slot.
     */
    void rewriteAppendOnlyFile(String roundId) {
        try {
            redis.sendCommand(meta(roundId), Protocol.Command.BGREWRITEAOF);
        } catch (RuntimeException e) {
            // a managed Redis may not allow it; it then rewrites on its own schedule
            log.warn("Could not ask Redis to rewrite its append-only file ({})", e.getClass().getSimpleName());
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

    String meta(String roundId) {
        return Keyspace.AGG.key(prefix, roundId, ":meta");
    }

    String hash(String roundId, String hash) {
        return Keyspace.AGG.key(prefix, roundId, ":" + hash);
    }

    String tokens(String roundId) {
        return Keyspace.RESP.key(prefix, roundId);
    }

    String progress(String roundId, String conversationKey) {
        return Keyspace.PROGRESS.key(prefix, roundId, ":" + conversationKey);
    }
}
