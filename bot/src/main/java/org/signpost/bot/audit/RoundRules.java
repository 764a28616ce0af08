package org.signpost.bot.audit;

import static org.signpost.bot.audit.AuditedKeys.roundOf;
import static org.signpost.bot.audit.Finding.counts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;

/**
 * The audit's rules about survey rounds in the live store: every round with its record and its counter hashes
 * alike (a snapshot's too); response tokens keyed hashes, and gone once a round closes.
 */
final class RoundRules {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROUND_KEY = Pattern.compile("\\{([^}]*)}:(.*)");

    private final AuditedKeys audited;

    RoundRules(AuditedKeys audited) {
        this.audited = audited;
    }

    List<Finding> judge(List<StoredKey> store) {
        return List.of(roundsHaveMetadata(store), counterHashesAlike(store), closedRoundsHaveNoTokens(store),
                tokensAreKeyed(store));
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
}
