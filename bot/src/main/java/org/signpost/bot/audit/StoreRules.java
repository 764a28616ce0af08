package org.signpost.bot.audit;

import static org.signpost.bot.audit.AuditedKeys.OWN_WORDS;
import static org.signpost.bot.audit.AuditedKeys.looksSealed;
import static org.signpost.bot.audit.AuditedKeys.roundOf;
import static org.signpost.bot.audit.Finding.counts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.announcement.AnnouncementFlow;

/**
 * The audit's rules about the live store (DESIGN §2a and §2), key by key: every key in a known keyspace, of its
 * shape and type; no identifiers and no readable answers outside where they belong; sealed records sealed;
 * lifetimes kept ({@link LifetimeRules}); survey rounds whole ({@link RoundRules}); an announcement's own words
 * within the flow's limit.
 */
final class StoreRules {

    private final AuditedKeys audited;
    private final LifetimeRules lifetimes;
    private final RoundRules rounds;

    StoreRules(AuditedKeys audited) {
        this.audited = audited;
        this.lifetimes = new LifetimeRules(audited);
        this.rounds = new RoundRules(audited);
    }

    List<Finding> judge(List<StoredKey> store, Instant now) {
        List<Finding> findings = new ArrayList<>(List.of(knownKeyspaces(store), keyShapes(store), noIdentifiers(store),
                answersOnlyAsCounters(store), sealedRecords(store), lifetimes.judge(store, now)));
        findings.addAll(rounds.judge(store));
        findings.add(announcementTexts(store));
        return List.copyOf(findings);
    }

    /** Keys per keyspace; keys with Signpost's prefix in no known keyspace under "unknown". */
    Map<String, Long> keyspaceCounts(List<StoredKey> store) {
        Map<String, Long> counts = new LinkedHashMap<>();
        audited.expected().keyspaces().forEach(rule -> counts.put(rule.name(), 0L));
        counts.put("unknown", 0L);
        for (StoredKey key : store) {
            if (key.key().startsWith(audited.expected().prefix())) {
                counts.merge(audited.keyspace(key.key()).map(KeyspaceRule::name).orElse("unknown"), 1L, Long::sum);
            }
        }
        return counts;
    }

    private Finding knownKeyspaces(List<StoredKey> store) {
        long ours = 0;
        long unknown = 0;
        long others = 0;
        for (StoredKey key : store) {
            if (!key.key().startsWith(audited.expected().prefix())) {
                others++;
            } else if (audited.keyspace(key.key()).isEmpty()) {
                unknown++;
            } else {
                ours++;
            }
        }
        return Finding.failIfAny("known-keyspaces", counts("keys", ours, "keysInNoKnownKeyspace", unknown,
                "otherApplicationsKeys", others), "keysInNoKnownKeyspace");
    }

    private Finding keyShapes(List<StoredKey> store) {
        long checked = 0;
        long badShape = 0;
        long badType = 0;
        for (StoredKey key : store) {
            Optional<KeyspaceRule> rule = audited.keyspace(key.key());
            if (rule.isEmpty()) {
                continue;
            }
            checked++;
            if (!rule.get().allows(audited.rest(key.key(), rule.get()))) {
                badShape++;
            }
            if (!rule.get().types().contains(key.type())) {
                badType++;
            }
        }
        return Finding.failIfAny("key-shapes", counts("keys", checked, "keysOfAnotherShape", badShape,
                "keysOfAnotherType", badType), "keysOfAnotherShape", "keysOfAnotherType");
    }

    private Finding noIdentifiers(List<StoredKey> store) {
        long checked = 0;
        long inNames = 0;
        long inValues = 0;
        for (StoredKey key : store) {
            if (!key.key().startsWith(audited.expected().prefix())) {
                continue;
            }
            Optional<KeyspaceRule> rule = audited.keyspace(key.key());
            if (rule.map(KeyspaceRule::identifiers).orElse(false)) {
                continue;
            }
            checked++;
            if (Identifiers.namesSomeone(key.key())) {
                inNames++;
            }
            if (readable(key, rule) && !audited.holdsTenantIds(key.key()) && Identifiers.namesSomeone(scanned(key))) {
                inValues++;
            }
        }
        return Finding.failIfAny("no-identifiers", counts("keys", checked, "keyNamesWithIdentifiers", inNames,
                "valuesWithIdentifiers", inValues), "keyNamesWithIdentifiers", "valuesWithIdentifiers");
    }

    private Finding answersOnlyAsCounters(List<StoredKey> store) {
        long checked = 0;
        long found = 0;
        for (StoredKey key : store) {
            if (!key.key().startsWith(audited.expected().prefix())) {
                continue;
            }
            Optional<KeyspaceRule> rule = audited.keyspace(key.key());
            if (rule.map(KeyspaceRule::options).orElse(false)) {
                continue;
            }
            checked++;
            if (audited.identifiers().holdsAnswers(key.key()) || readable(key, rule) && audited.identifiers().holdsAnswers(scanned(key))) {
                found++;
            }
        }
        return Finding.failIfAny("answers-only-as-counters", counts("keysOutsideTheCounters", checked,
                "keysHoldingReadableAnswers", found), "keysHoldingReadableAnswers");
    }

    private Finding sealedRecords(List<StoredKey> store) {
        long checked = 0;
        long notSealed = 0;
        long wrongLength = 0;
        for (StoredKey key : store) {
            Optional<KeyspaceRule> rule = audited.keyspace(key.key());
            if (rule.isEmpty() || !rule.get().sealed(audited.rest(key.key(), rule.get())) || !key.type().equals("string")) {
                continue;
            }
            checked++;
            if (!looksSealed(key.value())) {
                notSealed++;
            } else if (rule.get().name().equals("progress")) {
                Optional<Integer> length = audited.progressLength(roundOf(audited.rest(key.key(), rule.get())), store);
                if (length.isPresent() && key.value().length != length.get()) {
                    wrongLength++;
                }
            }
        }
        return Finding.failIfAny("sealed-records", counts("sealedRecords", checked, "readableRecords", notSealed,
                "recordsOfAnotherLength", wrongLength), "readableRecords", "recordsOfAnotherLength");
    }

    /**
     * An ambassador's own words in an announcement ("you said, we did") are content written for every member
     * of staff, not anyone's answer: the identifier and answer checks pass over them, and only them (the one
     * field of an announcement's record). So that this cannot hide anything else, each must be in such a
     * record, and within the flow's limit.
     */
    private Finding announcementTexts(List<StoredKey> store) {
        long texts = 0;
        long tooLong = 0;
        for (StoredKey key : store) {
            if (audited.broadcastRecord(key.key()) && key.type().equals("hash") && key.hash().containsKey(OWN_WORDS)) {
                texts++;
                String words = key.hash().get(OWN_WORDS);
                if (words.codePointCount(0, words.length()) > AnnouncementFlow.OWN_WORDS_LIMIT) {
                    tooLong++;
                }
            }
        }
        return Finding.failIfAny("announcement-texts", counts("announcementTexts", texts, "longestAllowed",
                (long) AnnouncementFlow.OWN_WORDS_LIMIT, "textsOverTheLimit", tooLong), "textsOverTheLimit");
    }

    /** What the identifier and answer checks read of a key: its content, less an announcement's own words. */
    private String scanned(StoredKey key) {
        if (!audited.broadcastRecord(key.key()) || !key.type().equals("hash") || !key.hash().containsKey(OWN_WORDS)) {
            return content(key);
        }
        Map<String, String> rest = new LinkedHashMap<>(key.hash());
        rest.remove(OWN_WORDS);
        return String.join("\n", rest.keySet()) + "\n" + String.join("\n", rest.values());
    }

    /** A value anyone can read: any value outside the sealed keyspaces, and one inside them that is not sealed. */
    private boolean readable(StoredKey key, Optional<KeyspaceRule> rule) {
        return !rule.map(found -> found.sealed(audited.rest(key.key(), found))).orElse(false) || !key.type().equals("string")
                || !looksSealed(key.value());
    }

    private static String content(StoredKey key) {
        return switch (key.type()) {
            case "string" -> new String(key.value(), StandardCharsets.ISO_8859_1);
            case "hash" -> String.join("\n", key.hash().keySet()) + "\n" + String.join("\n", key.hash().values());
            default -> String.join("\n", key.members());
        };
    }
}
