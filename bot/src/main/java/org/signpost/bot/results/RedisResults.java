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
import org.signpost.dialogs.results.Snapshots;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads a round's results only through its snapshots ({@code snap}). Whether a new snapshot may be
 * released is {@link Snapshots}' rule (k more responses, and every question over everyone unchanged or
 * answered by at least k of the newcomers); the copy is one Lua script that takes it only if neither the
 * live counters nor the last snapshot moved since the rule looked, so two instances never release two
 * and nothing is released that the rule did not see. The live counters ({@code agg}) are read here and
 * nowhere else.
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
     * ARGV: the live responses the rule saw, the snapshot's responses it saw ('' for none), now (epoch ms).
     * Returns 1 when copied, 0 when something moved in between.
     */
    private static final String COPY = """
            local live = redis.call('HGET', KEYS[2], 'responses') or '0'
            local last = redis.call('HGET', KEYS[1], 'responses') or ''
            if live ~= ARGV[1] or last ~= ARGV[2] then return 0 end
            for i = 2, #KEYS, 2 do
              local fields = redis.call('HGETALL', KEYS[i])
              redis.call('DEL', KEYS[i + 1])
              for j = 1, #fields, 400 do
                redis.call('HSET', KEYS[i + 1], unpack(fields, j, math.min(j + 399, #fields)))
              end
            end
            redis.call('HSET', KEYS[1], 'responses', live, 'taken', ARGV[3])
            return 1
            """;

    private static final int ATTEMPTS = 3;

    private final UnifiedJedis redis;
    private final String prefix;

    RedisResults(UnifiedJedis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** The latest released snapshot, after releasing a new one if the rule allows. */
    Optional<Snapshot> latest(String roundId, SurveyDefinition survey, int k, Instant now) {
        List<String> hashes = new ArrayList<>(CounterLayout.allFields(survey).keySet());
        for (int attempt = 0; attempt < ATTEMPTS && release(roundId, survey, hashes, k, now) == Release.RACED; attempt++) {
            // someone submitted or released in between: look again
        }
        Map<String, Response<Map<String, String>>> read = new LinkedHashMap<>();
        Response<Map<String, String>> meta;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            meta = pipeline.hgetAll(snapMeta(roundId));
            for (String hash : hashes) {
                read.put(hash, pipeline.hgetAll(Keyspace.SNAP.key(prefix, roundId, ":" + hash)));
            }
            pipeline.sync();
        }
        if (meta.get().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Long>> counts = new HashMap<>();
        read.forEach((hash, fields) -> counts.put(hash, numbers(fields.get())));
        return Optional.of(new Snapshot(new RoundCounts(counts), Instant.ofEpochMilli(Long.parseLong(meta.get().get("taken")))));
    }

    private enum Release { NONE, RELEASED, RACED }

    private Release release(String roundId, SurveyDefinition survey, List<String> hashes, int k, Instant now) {
        String liveAll = Keyspace.AGG.key(prefix, roundId, ":" + RoundCounts.OVERALL);
        String snapAll = Keyspace.SNAP.key(prefix, roundId, ":" + RoundCounts.OVERALL);
        Response<Map<String, String>> live;
        Response<Map<String, String>> last;
        Response<String> lastResponses;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            live = pipeline.hgetAll(liveAll);
            last = pipeline.hgetAll(snapAll);
            lastResponses = pipeline.hget(snapMeta(roundId), "responses");
            pipeline.sync();
        }
        RoundCounts liveCounts = new RoundCounts(Map.of(RoundCounts.OVERALL, numbers(live.get())));
        Optional<RoundCounts> lastCounts = Optional.ofNullable(lastResponses.get())
                .map(any -> new RoundCounts(Map.of(RoundCounts.OVERALL, numbers(last.get()))));
        if (!Snapshots.release(k, survey, liveCounts, lastCounts)) {
            return Release.NONE;
        }
        List<String> keys = new ArrayList<>(List.of(snapMeta(roundId)));
        for (String hash : hashes) {
            keys.add(Keyspace.AGG.key(prefix, roundId, ":" + hash));
            keys.add(Keyspace.SNAP.key(prefix, roundId, ":" + hash));
        }
        Object copied = redis.eval(COPY, keys, List.of(Long.toString(liveCounts.responses()),
                lastResponses.get() == null ? "" : lastResponses.get(), Long.toString(now.toEpochMilli())));
        return Long.valueOf(1).equals(copied) ? Release.RELEASED : Release.RACED;
    }

    private String snapMeta(String roundId) {
        return Keyspace.SNAP.key(prefix, roundId, ":meta");
    }

    private static Map<String, Long> numbers(Map<String, String> fields) {
        Map<String, Long> values = new HashMap<>();
        fields.forEach((field, value) -> values.put(field, Long.parseLong(value)));
        return values;
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
