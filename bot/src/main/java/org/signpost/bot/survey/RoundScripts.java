package org.signpost.bot.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.signpost.dialogs.survey.CounterLayout;

/**
 * The Lua scripts {@link RedisSurveyStore} runs over one round's keys, each with the arguments it takes. All keys
 * of a round share the round id as their hash tag, so each script runs on one slot: atomic, and one round trip.
 */
final class RoundScripts {

    /**
     * KEYS: meta, tokens, then each hash. ARGV: structure hash, token-key fingerprint, then per hash: field
     * count, fields. A round whose counters or tokens exist without its metadata is never opened again: it
     * would start from zero and silently lose its totals.
     */
    static final String OPEN = """
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
    static final String SUBMIT = """
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
     * KEYS: meta, tokens. Closing is final: the tokens go, and the round never opens again. Returns 1 when
     * this closed it, 0 when it was closed already.
     */
    static final String CLOSE = """
            local was = redis.call('HGET', KEYS[1], 'state')
            redis.call('HSET', KEYS[1], 'state', 'closed')
            redis.call('DEL', KEYS[2])
            return was == 'closed' and 0 or 1
            """;

    private RoundScripts() {
    }

    /** {@link #OPEN}'s arguments, the hashes in the order of their keys. */
    static List<String> openArgs(String structureHash, String tokenKeyFingerprint, Map<String, List<String>> hashes) {
        List<String> args = new ArrayList<>(List.of(structureHash, tokenKeyFingerprint));
        hashes.forEach((hash, fields) -> {
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
        });
        return args;
    }

    /** {@link #SUBMIT}'s arguments, the groups in the order of {@code submission.hashes()}, as their keys are. */
    static List<String> submitArgs(String token, boolean trial, CounterLayout.Submission submission) {
        List<String> args = new ArrayList<>(List.of(token, trial ? "1" : "0"));
        args.add(Integer.toString(submission.overallFields().size()));
        args.addAll(submission.overallFields());
        args.add(Integer.toString(submission.groupFields().size()));
        args.addAll(submission.groupFields());
        StringBuilder mine = new StringBuilder();
        for (String hash : submission.hashes()) {
            if (!hash.equals(CounterLayout.OVERALL)) {
                mine.append(submission.groups().contains(hash) ? '1' : '0');
            }
        }
        args.add(mine.toString());
        return args;
    }
}
