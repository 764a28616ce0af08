package org.signpost.bot.audit;

import static org.signpost.bot.audit.Finding.counts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit's lifetimes rule (DESIGN §2a): every key whose keyspace has a lifetime carries one no longer than it;
 * a year's pledge tokens end with their year, an announcement's record and recipient sets with its retention,
 * and a focus-group sign-up with its session's retention.
 */
final class LifetimeRules {

    private static final Pattern HASH_TAG = Pattern.compile("\\{([^}]*)}");
    private static final Pattern SESSION_HASH = Pattern.compile("\\{(s-[a-z0-9]+)}");
    /** An announcement's record or one of its recipient sets ({@code :to}, {@code :seen}), which live as long. */
    private static final Pattern BROADCAST_KEY = Pattern.compile("(\\{[0-9a-f]{16}}:b:[A-Za-z0-9_-]{1,100})(:to|:seen)?");
    /** Slack on a sign-up's or an announcement's end of retention: the app's and the audit's clocks, and the script's own time. */
    private static final Duration SIGN_UP_SLACK = Duration.ofMinutes(1);
    /** The longest a year's pledge tokens may be kept (the pledges' own limit: a year). */
    private static final Duration PLEDGE_LIFETIME = Duration.ofDays(366);

    private final AuditedKeys audited;

    LifetimeRules(AuditedKeys audited) {
        this.audited = audited;
    }

    Finding judge(List<StoredKey> store, Instant now) {
        Map<String, Long> retentionEnds = retentionEnds(store);
        long latest = retentionEnds.values().stream().mapToLong(Long::longValue).max().orElse(now.toEpochMilli());
        long checked = 0;
        long never = 0;
        long tooLong = 0;
        for (StoredKey key : store) {
            Optional<KeyspaceRule> rule = audited.keyspace(key.key());
            // a year's pledge tokens expire with their year, and each announcement's record with its retention,
            // though the rest of bcast (the queue's own keys) need not
            Optional<Long> announcementBound = announcementBound(key.key(), store, now);
            Optional<Duration> maxTtl = key.key().startsWith(audited.expected().prefix() + "bcast:{pledges:")
                    ? Optional.of(PLEDGE_LIFETIME) : rule.flatMap(KeyspaceRule::maxTtl);
            if (maxTtl.isEmpty() && announcementBound.isEmpty()) {
                continue;
            }
            checked++;
            long bound = announcementBound.orElseGet(() -> maxTtl.get().toMillis());
            if (rule.isPresent() && rule.get().name().equals(Keyspaces.SIGN_UPS)) {
                // a sign-up lives until its session's retention ends (a key whose session is gone: until the last one)
                Matcher session = HASH_TAG.matcher(audited.rest(key.key(), rule.get()));
                long ends = session.lookingAt() ? retentionEnds.getOrDefault(session.group(1), latest) : latest;
                bound = ends - now.toEpochMilli() + SIGN_UP_SLACK.toMillis();
            }
            if (key.ttlMillis() < 0) {
                never++;
            } else if (key.ttlMillis() > bound) {
                tooLong++;
            }
        }
        return Finding.failIfAny("lifetimes", counts("keysThatMustExpire", checked, "keysThatNeverExpire", never,
                "keysThatOutliveTheirKeyspace", tooLong), "keysThatNeverExpire", "keysThatOutliveTheirKeyspace");
    }

    /**
     * How long an announcement's record (or its recipient sets) may still live: until the retention after its
     * time to send (a record's {@code sendAt}, or now if it cannot be read). Empty for any other key.
     */
    private Optional<Long> announcementBound(String key, List<StoredKey> store, Instant now) {
        String keyspace = audited.expected().prefix() + "bcast:";
        if (!key.startsWith(keyspace)) {
            return Optional.empty();
        }
        Matcher parts = BROADCAST_KEY.matcher(key.substring(keyspace.length()));
        if (!parts.matches()) {
            return Optional.empty();
        }
        String record = keyspace + parts.group(1);
        long sendAt = store.stream().filter(stored -> stored.key().equals(record) && stored.type().equals("hash"))
                .map(stored -> stored.hash().getOrDefault("sendAt", "")).filter(value -> value.matches("[0-9]{1,18}"))
                .mapToLong(Long::parseLong).findFirst().orElse(now.toEpochMilli());
        return Optional.of(Math.max(0, sendAt - now.toEpochMilli()) + audited.expected().announcementRetention().toMillis()
                + SIGN_UP_SLACK.toMillis());
    }

    /**
     * When each focus-group session's sign-ups must be gone ({@code deleteAt} of its {@code focus:{<id>}} hash,
     * the end of its retention period, set from the session's time and the retention configured for it).
     */
    private Map<String, Long> retentionEnds(List<StoredKey> store) {
        Map<String, Long> ends = new HashMap<>();
        for (StoredKey key : store) {
            audited.keyspace(key.key()).filter(rule -> rule.name().equals("focus") && key.type().equals("hash")).ifPresent(rule -> {
                Matcher session = SESSION_HASH.matcher(audited.rest(key.key(), rule));
                String deleteAt = key.hash().get("deleteAt");
                if (session.matches() && deleteAt != null && deleteAt.matches("[0-9]{1,18}")) {
                    ends.put(session.group(1), Long.parseLong(deleteAt));
                }
            });
        }
        return ends;
    }
}
