package org.signpost.bot.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.redis.Keyspace;
import org.signpost.dialogs.results.RoundCounts;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads a round's results only through its snapshots ({@code snap}): nothing is released before k
 * responses, and a new snapshot replaces the last only after k more. Whoever reads takes the snapshot, in
 * one Lua script, so two instances reading at once never release two. The live counters ({@code agg}) are
 * read here and nowhere else, and only inside that script.
 */
final class RedisResults {

    /** A released snapshot: its counters and when it was taken. */
    record Snapshot(RoundCounts counts, Instant taken) {
    }

    /** What the round's metadata says: its state ("open", "closed") and whether it is trial data. */
    record Meta(String state, boolean trial) {
        boolean open() {
            return "open".equals(state);
        }
    }

    /**
     * KEYS: the snapshot's meta, then pairs of live hash and snapshot hash, the live {@code all} first.
     * ARGV: k, now (epoch ms). Returns the responses in the snapshot now released, or -1 when none is.
     */
    private static final String SNAPSHOT = """
            local k = tonumber(ARGV[1])
            local live = tonumber(redis.call('HGET', KEYS[2], 'responses') or '0')
            local last = redis.call('HGET', KEYS[1], 'responses')
            if live < k then return last and tonumber(last) or -1 end
            if last and live - tonumber(last) < k then return tonumber(last) end
            for i = 2, #KEYS, 2 do
              local fields = redis.call('HGETALL', KEYS[i])
              redis.call('DEL', KEYS[i + 1])
              for j = 1, #fields, 400 do
                redis.call('HSET', KEYS[i + 1], unpack(fields, j, math.min(j + 399, #fields)))
              end
            end
            redis.call('HSET', KEYS[1], 'responses', live, 'taken', ARGV[2])
            return live
            """;

    private final UnifiedJedis redis;
    private final String prefix;

    RedisResults(UnifiedJedis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** The latest released snapshot, after releasing a new one if the live count has grown by k. */
    Optional<Snapshot> latest(String roundId, SurveyDefinition survey, int k, Instant now) {
        List<String> hashes = new ArrayList<>(CounterLayout.allFields(survey).keySet());
        List<String> keys = new ArrayList<>(List.of(Keyspace.SNAP.key(prefix, roundId, ":meta")));
        for (String hash : hashes) {
            keys.add(Keyspace.AGG.key(prefix, roundId, ":" + hash));
            keys.add(Keyspace.SNAP.key(prefix, roundId, ":" + hash));
        }
        long released = (Long) redis.eval(SNAPSHOT, keys, List.of(Integer.toString(k),
                Long.toString(now.toEpochMilli())));
        if (released < 0) {
            return Optional.empty();
        }
        Map<String, Response<Map<String, String>>> read = new LinkedHashMap<>();
        Response<String> taken;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String hash : hashes) {
                read.put(hash, pipeline.hgetAll(Keyspace.SNAP.key(prefix, roundId, ":" + hash)));
            }
            taken = pipeline.hget(Keyspace.SNAP.key(prefix, roundId, ":meta"), "taken");
            pipeline.sync();
        }
        Map<String, Map<String, Long>> counts = new HashMap<>();
        read.forEach((hash, fields) -> {
            Map<String, Long> values = new HashMap<>();
            fields.get().forEach((field, value) -> values.put(field, Long.parseLong(value)));
            counts.put(hash, values);
        });
        return Optional.of(new Snapshot(new RoundCounts(counts), Instant.ofEpochMilli(Long.parseLong(taken.get()))));
    }

    Optional<Meta> meta(String roundId) {
        Map<String, String> meta = redis.hgetAll(Keyspace.AGG.key(prefix, roundId, ":meta"));
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Meta(meta.getOrDefault("state", ""), "1".equals(meta.get("trial"))));
    }

    Map<String, Long> headcounts(String roundId) {
        Map<String, Long> headcounts = new LinkedHashMap<>();
        redis.hgetAll(headcountKey(roundId)).forEach((field, value) -> headcounts.put(field, Long.parseLong(value)));
        return headcounts;
    }

    /** KEYS: the headcounts hash. ARGV: field, count pairs. Replaces the whole hash in one step. */
    private static final String REPLACE = """
            redis.call('DEL', KEYS[1])
            if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
            return 1
            """;

    /** Replaces the round's headcounts (group key to count; zero or absent means not given). */
    void saveHeadcounts(String roundId, Map<String, Long> headcounts) {
        List<String> args = new ArrayList<>();
        headcounts.forEach((group, count) -> {
            if (count > 0) {
                args.add(group);
                args.add(Long.toString(count));
            }
        });
        redis.eval(REPLACE, List.of(headcountKey(roundId)), args);
    }

    private String headcountKey(String roundId) {
        return Keyspace.HR.key(prefix, roundId, ":headcounts");
    }
}
