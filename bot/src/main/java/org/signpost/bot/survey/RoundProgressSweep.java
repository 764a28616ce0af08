package org.signpost.bot.survey;

import org.signpost.bot.redis.Keyspace;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Deletes every answer in progress of a round as it closes: each {@code progress:{<round>}:*} record, found by
 * SCAN. All are under the round's hash tag, one slot, so on a cluster the scan asks the one node that holds it.
 */
final class RoundProgressSweep {

    private final UnifiedJedis redis;
    private final String prefix;

    RoundProgressSweep(UnifiedJedis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    void delete(String roundId) {
        ScanParams match = new ScanParams().match(glob(Keyspace.PROGRESS.key(prefix, roundId, ":")) + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                redis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /** {@code text} matched literally in a SCAN pattern (a key prefix may hold any character). */
    private static String glob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
