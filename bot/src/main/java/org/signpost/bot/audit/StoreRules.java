package org.signpost.bot.audit;

import static org.signpost.bot.audit.AuditedKeys.OWN_WORDS;
import static org.signpost.bot.audit.AuditedKeys.looksSealed;
import static org.signpost.bot.audit.AuditedKeys.roundOf;
import static org.signpost.bot.audit.Finding.counts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.dialogs.announcement.AnnouncementFlow;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;

/**
 * The audit's rules about the live store (DESIGN §2a and §2), key by key: every key in a known keyspace, of its
 * shape and type; no identifiers and no readable answers outside where they belong; sealed records sealed;
 * lifetimes kept ({@link LifetimeRules}); every round with its record and its counter hashes alike; tokens keyed, and gone once a
 * round closes; an announcement's own words within the flow's limit.
 */
final class StoreRules {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROUND_KEY = Pattern.compile("\\{([^}]*)}:(.*)");

    private final AuditedKeys audited;
    private final LifetimeRules lifetimes;

    StoreRules(AuditedKeys audited) {
        this.audited = audited;
        this.lifetimes = new LifetimeRules(audited);
    }

    List<Finding> judge(List<StoredKey> store, Instant now) {
        return List.of(knownKeyspaces(store), keyShapes(store), noIdentifiers(store), answersOnlyAsCounters(store),
                sealedRecords(store), lifetimes.judge(store, now), roundsHaveMetadata(store), counterHashesAlike(store),
                closedRoundsHaveNoTokens(store), tokensAreKeyed(store), announcementTexts(store));
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

    private Finding roundsHaveMetadata(List<StoredKey> store) {
        Set<String> withData = new HashSet<>();
        Set<String> withMeta = new HashSet<>();
        for (StoredKey key : store) {
            audited.keyspace(key.key()).filter(rule -> rule.name().equals("agg") || rule.name().equals("resp")).ifPresent(rule -> {
                String rest = audited.rest(key.key(), rule);
                String round = roundOf(rest);
                if (rest.endsWith(":meta") && rule.name().equals("agg")) {
                    withMeta.add(round);
                } else {
                    withData.add(round);
                }
            });
        }
        withData.removeAll(withMeta);
        return Finding.failIfAny("rounds-have-metadata", counts("rounds", (long) withMeta.size(),
                "roundsWithoutMetadata", (long) withData.size()), "roundsWithoutMetadata");
    }

    private Finding counterHashesAlike(List<StoredKey> store) {
        Map<String, Map<String, StoredKey>> rounds = new TreeMap<>();
        for (StoredKey key : store) {
            audited.keyspace(key.key()).filter(rule -> rule.name().equals("agg") || rule.name().equals("snap")).ifPresent(rule -> {
                Matcher parts = ROUND_KEY.matcher(audited.rest(key.key(), rule));
                if (parts.matches()) {
                    rounds.computeIfAbsent(rule.name() + " " + parts.group(1), r -> new TreeMap<>()).put(parts.group(2), key);
                }
            });
        }
        long checked = 0;
        long unlike = 0;
        long unknownSurvey = 0;
        for (Map.Entry<String, Map<String, StoredKey>> round : rounds.entrySet()) {
            Map<String, StoredKey> hashes = round.getValue();
            String roundId = round.getKey().substring(round.getKey().indexOf(' ') + 1);
            Optional<SurveyDefinition> survey = audited.survey(roundId, store);
            checked++;
            if (survey.isEmpty()) {
                unknownSurvey++;
                List<String> groupFields = null;
                for (Map.Entry<String, StoredKey> hash : hashes.entrySet()) {
                    if (hash.getKey().startsWith("by:")) {
                        if (groupFields == null) {
                            groupFields = hash.getValue().members();
                        } else if (!groupFields.equals(hash.getValue().members())) {
                            unlike++;
                            break;
                        }
                    }
                }
                continue;
            }
            Map<String, List<String>> layout = CounterLayout.allFields(survey.get());
            boolean alike = layout.keySet().stream().allMatch(hashes::containsKey)
                    && hashes.keySet().stream().allMatch(hash -> hash.equals("meta") || layout.containsKey(hash));
            for (Map.Entry<String, List<String>> hash : layout.entrySet()) {
                StoredKey stored = hashes.get(hash.getKey());
                alike &= stored != null && stored.members().equals(hash.getValue())
                        && stored.hash().values().stream().allMatch(value -> value.matches("[0-9]{1,18}"));
            }
            if (round.getKey().startsWith("snap ") && !hashes.containsKey("meta")) {
                alike = false;
            }
            if (!alike) {
                unlike++;
            }
        }
        return Finding.failIfAny("counter-hashes-alike", counts("roundsAndSnapshots", checked,
                "roundsWhoseHashesDiffer", unlike, "roundsOfAnUnknownSurvey", unknownSurvey), "roundsWhoseHashesDiffer");
    }

    private Finding closedRoundsHaveNoTokens(List<StoredKey> store) {
        Map<String, String> states = new HashMap<>();
        Set<String> withTokens = new HashSet<>();
        for (StoredKey key : store) {
            audited.keyspace(key.key()).ifPresent(rule -> {
                String rest = audited.rest(key.key(), rule);
                if (rule.name().equals("agg") && rest.endsWith(":meta")) {
                    states.put(roundOf(rest), key.hash().getOrDefault("state", ""));
                } else if (rule.name().equals("resp")) {
                    withTokens.add(roundOf(rest));
                }
            });
        }
        long closed = states.values().stream().filter("closed"::equals).count();
        long leftover = withTokens.stream().filter(round -> "closed".equals(states.get(round))).count();
        return Finding.failIfAny("closed-rounds-have-no-tokens", counts("closedRounds", closed,
                "closedRoundsWithTokens", leftover), "closedRoundsWithTokens");
    }

    private Finding tokensAreKeyed(List<StoredKey> store) {
        long tokens = 0;
        long other = 0;
        for (StoredKey key : store) {
            if (audited.keyspace(key.key()).filter(rule -> rule.name().equals("resp")).isPresent()) {
                for (String member : key.members()) {
                    tokens++;
                    if (!TOKEN.matcher(member).matches()) {
                        other++;
                    }
                }
            }
        }
        return Finding.failIfAny("tokens-are-keyed", counts("tokens", tokens, "tokensThatAreNotKeyedHashes", other),
                "tokensThatAreNotKeyedHashes");
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
