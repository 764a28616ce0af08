package org.signpost.bot.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * The submit script as it was before issue 7: it touched only the person's own group hashes. Kept for
 * the tests to show that their measurement tells it apart, and as the benchmarks' baseline.
 */
final class PreviousSubmitScript {

    static final String SCRIPT = """
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

    private PreviousSubmitScript() {
    }

    static Object submit(UnifiedJedis redis, RedisSurveyStore store, String roundId, String token,
            Map<String, List<String>> increments, String conversationKey) {
        List<String> keys = new ArrayList<>(List.of(store.meta(roundId), store.tokens(roundId),
                store.progress(roundId, conversationKey)));
        List<String> args = new ArrayList<>(List.of(token));
        increments.forEach((hash, fields) -> {
            keys.add(store.hash(roundId, hash));
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
        });
        return redis.eval(SCRIPT, keys, args);
    }
}
