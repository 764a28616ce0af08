package org.signpost.bot.audit;

import java.util.List;
import java.util.Map;

/**
 * One Redis key as the audit read it. The content is read to be checked and is never reported: the
 * report holds only counts.
 *
 * @param ttlMillis time to live, or -1 when the key does not expire
 * @param members   a hash's fields in Redis's own order (HKEYS), a set's or sorted set's members, a list's items
 * @param hash      a hash's fields and values
 * @param value     a string's bytes
 */
record StoredKey(String key, String type, long ttlMillis, List<String> members, Map<String, String> hash,
        byte[] value) {
}
