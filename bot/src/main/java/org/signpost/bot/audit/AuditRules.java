package org.signpost.bot.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.bot.audit.AuditInput.Expected;
import org.signpost.bot.audit.DiskFacts.Kind;
import org.signpost.bot.audit.DiskFacts.Logged;
import org.signpost.dialogs.announcement.AnnouncementFlow;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * The audit's rules, as plain functions of what was read: each gives a rule name, a verdict and counts,
 * never a key name or a value. The rules follow DESIGN §2a (every key in its keyspace, of its shape, with
 * its lifetime), §2 (no identifiers or readable answers outside where they belong; sealed records sealed;
 * every counter hash of a round alike; tokens of closed rounds gone), §2c (the data folder: no keys, no
 * identifiers, a bounded residual window) and the server settings the promise relies on.
 */
final class AuditRules {

    /** Signpost's sealed records: a version byte, a 12-byte nonce, the ciphertext and a 16-byte tag. */
    static final int SEAL_OVERHEAD = 1 + 12 + 16;
    private static final byte SEAL_VERSION = 1;
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROUND_KEY = Pattern.compile("\\{([^}]*)}:(.*)");
    private static final Pattern HASH_TAG = Pattern.compile("\\{([^}]*)}");
    private static final Pattern SESSION_HASH = Pattern.compile("\\{(s-[a-z0-9]+)}");
    private static final Pattern ACTIVE_TIME = Pattern.compile("[0-9]{13}");
    private static final Set<String> KEYLESS = Set.of("SELECT", "MULTI", "EXEC", "DISCARD", "SCRIPT", "FUNCTION",
            "FLUSHALL", "FLUSHDB", "PING", "SWAPDB", "PUBLISH");
    private static final Set<String> MANY_KEYS = Set.of("DEL", "UNLINK", "EXISTS", "TOUCH");
    /**
     * An announcement's record in the queue ({@code bcast:{<tenant digest>}:b:<broadcast id>}), whose field
     * {@link #OWN_WORDS} may hold an ambassador's own words ("you said, we did").
     */
    private static final Pattern BROADCAST_RECORD = Pattern.compile("\\{[0-9a-f]{16}}:b:[A-Za-z0-9_-]{1,100}");
    /** An announcement's record or one of its recipient sets ({@code :to}, {@code :seen}), which live as long. */
    private static final Pattern BROADCAST_KEY = Pattern.compile("(\\{[0-9a-f]{16}}:b:[A-Za-z0-9_-]{1,100})(:to|:seen)?");
    static final String OWN_WORDS = "text";
    /** Slack on the rewrite interval: the timer's tick (at most 30 s) and the rewrite itself. */
    private static final Duration WINDOW_SLACK = Duration.ofMinutes(1);
    /** Slack on a sign-up's or an announcement's end of retention: the app's and the audit's clocks, and the script's own time. */
    private static final Duration SIGN_UP_SLACK = Duration.ofMinutes(1);

    private final Expected expected;
    private final Identifiers identifiers;

    AuditRules(Expected expected) {
        this.expected = expected;
        this.identifiers = new Identifiers(expected.surveys());
    }

    List<Finding> judge(AuditInput input) {
        List<Finding> findings = new ArrayList<>();
        List<StoredKey> store = input.store();
        findings.add(knownKeyspaces(store));
        findings.add(keyShapes(store));
        findings.add(noIdentifiers(store));
        findings.add(answersOnlyAsCounters(store));
        findings.add(sealedRecords(store));
        findings.add(lifetimes(store, input.now()));
        findings.add(roundsHaveMetadata(store));
        findings.add(counterHashesAlike(store));
        findings.add(closedRoundsHaveNoTokens(store));
        findings.add(tokensAreKeyed(store));
        findings.add(announcementTexts(store));
        if (input.disk().isPresent()) {
            DiskFacts disk = input.disk().get();
            findings.add(diskHoldsNoKeys(disk));
            findings.add(diskReadable(disk));
            findings.add(diskKeyShapes(disk));
            findings.add(diskNoIdentifiers(disk));
            findings.add(diskAnswersOnlyAsCounters(disk));
            findings.add(diskSealed(disk, store));
            findings.add(residualWindow(disk, input.now()));
        } else {
            for (String rule : List.of("disk-holds-no-keys", "disk-readable", "disk-key-shapes", "disk-no-identifiers",
                    "disk-answers-only-as-counters", "disk-sealed", "disk-residual-window")) {
                findings.add(new Finding(rule, Verdict.NOT_CHECKED, Map.of()));
            }
        }
        findings.add(logs(input.logs()));
        findings.addAll(new ServerRules(expected.prefix()).judge(input.servers()));
        findings.add(threshold());
        return findings;
    }

    /** Keys per keyspace; keys with Signpost's prefix in no known keyspace under "unknown". */
    Map<String, Long> keyspaceCounts(List<StoredKey> store) {
        Map<String, Long> counts = new LinkedHashMap<>();
        expected.keyspaces().forEach(rule -> counts.put(rule.name(), 0L));
        counts.put("unknown", 0L);
        for (StoredKey key : store) {
            if (key.key().startsWith(expected.prefix())) {
                counts.merge(keyspace(key.key()).map(KeyspaceRule::name).orElse("unknown"), 1L, Long::sum);
            }
        }
        return counts;
    }

    // ---- the live store

    private Finding knownKeyspaces(List<StoredKey> store) {
        long ours = 0;
        long unknown = 0;
        long others = 0;
        for (StoredKey key : store) {
            if (!key.key().startsWith(expected.prefix())) {
                others++;
            } else if (keyspace(key.key()).isEmpty()) {
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
            Optional<KeyspaceRule> rule = keyspace(key.key());
            if (rule.isEmpty()) {
                continue;
            }
            checked++;
            if (!rule.get().allows(rest(key.key(), rule.get()))) {
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
            if (!key.key().startsWith(expected.prefix())) {
                continue;
            }
            Optional<KeyspaceRule> rule = keyspace(key.key());
            if (rule.map(KeyspaceRule::identifiers).orElse(false)) {
                continue;
            }
            checked++;
            if (Identifiers.namesSomeone(key.key())) {
                inNames++;
            }
            if (readable(key, rule) && !holdsTenantIds(key.key()) && Identifiers.namesSomeone(scanned(key))) {
                inValues++;
            }
        }
        return Finding.failIfAny("no-identifiers", counts("keys", checked, "keyNamesWithIdentifiers", inNames,
                "valuesWithIdentifiers", inValues), "keyNamesWithIdentifiers", "valuesWithIdentifiers");
    }

    /**
     * The announcement queue's list of organisations it has work for: Entra tenant ids, shaped like anyone's
     * object id but naming an organisation, never a person (the two keys hold nothing else).
     */
    private boolean holdsTenantIds(String key) {
        String tenants = expected.prefix() + "bcast:{tenants}";
        return key.equals(tenants) || key.equals(tenants + ":of");
    }

    private Finding answersOnlyAsCounters(List<StoredKey> store) {
        long checked = 0;
        long found = 0;
        for (StoredKey key : store) {
            if (!key.key().startsWith(expected.prefix())) {
                continue;
            }
            Optional<KeyspaceRule> rule = keyspace(key.key());
            if (rule.map(KeyspaceRule::options).orElse(false)) {
                continue;
            }
            checked++;
            if (identifiers.holdsAnswers(key.key()) || readable(key, rule) && identifiers.holdsAnswers(scanned(key))) {
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
            Optional<KeyspaceRule> rule = keyspace(key.key());
            if (rule.isEmpty() || !rule.get().sealed(rest(key.key(), rule.get())) || !key.type().equals("string")) {
                continue;
            }
            checked++;
            if (!looksSealed(key.value())) {
                notSealed++;
            } else if (rule.get().name().equals("progress")) {
                Optional<Integer> length = progressLength(roundOf(rest(key.key(), rule.get())), store);
                if (length.isPresent() && key.value().length != length.get()) {
                    wrongLength++;
                }
            }
        }
        return Finding.failIfAny("sealed-records", counts("sealedRecords", checked, "readableRecords", notSealed,
                "recordsOfAnotherLength", wrongLength), "readableRecords", "recordsOfAnotherLength");
    }

    /** The longest a year's pledge tokens may be kept (the pledges' own limit: a year). */
    static final Duration PLEDGE_LIFETIME = Duration.ofDays(366);

    private Finding lifetimes(List<StoredKey> store, Instant now) {
        Map<String, Long> retentionEnds = retentionEnds(store);
        long latest = retentionEnds.values().stream().mapToLong(Long::longValue).max().orElse(now.toEpochMilli());
        long checked = 0;
        long never = 0;
        long tooLong = 0;
        for (StoredKey key : store) {
            Optional<KeyspaceRule> rule = keyspace(key.key());
            // a year's pledge tokens expire with their year, and each announcement's record with its retention,
            // though the rest of bcast (the queue's own keys) need not
            Optional<Long> announcementBound = announcementBound(key.key(), store, now);
            Optional<Duration> maxTtl = key.key().startsWith(expected.prefix() + "bcast:{pledges:")
                    ? Optional.of(PLEDGE_LIFETIME) : rule.flatMap(KeyspaceRule::maxTtl);
            if (maxTtl.isEmpty() && announcementBound.isEmpty()) {
                continue;
            }
            checked++;
            long bound = announcementBound.orElseGet(() -> maxTtl.get().toMillis());
            if (rule.isPresent() && rule.get().name().equals(Keyspaces.SIGN_UPS)) {
                // a sign-up lives until its session's retention ends (a key whose session is gone: until the last one)
                Matcher session = HASH_TAG.matcher(rest(key.key(), rule.get()));
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
        String keyspace = expected.prefix() + "bcast:";
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
        return Optional.of(Math.max(0, sendAt - now.toEpochMilli()) + expected.announcementRetention().toMillis()
                + SIGN_UP_SLACK.toMillis());
    }

    /**
     * When each focus-group session's sign-ups must be gone ({@code deleteAt} of its {@code focus:{<id>}} hash,
     * the end of its retention period, set from the session's time and the retention configured for it).
     */
    private Map<String, Long> retentionEnds(List<StoredKey> store) {
        Map<String, Long> ends = new HashMap<>();
        for (StoredKey key : store) {
            keyspace(key.key()).filter(rule -> rule.name().equals("focus") && key.type().equals("hash")).ifPresent(rule -> {
                Matcher session = SESSION_HASH.matcher(rest(key.key(), rule));
                String deleteAt = key.hash().get("deleteAt");
                if (session.matches() && deleteAt != null && deleteAt.matches("[0-9]{1,18}")) {
                    ends.put(session.group(1), Long.parseLong(deleteAt));
                }
            });
        }
        return ends;
    }

    private Finding roundsHaveMetadata(List<StoredKey> store) {
        Set<String> withData = new HashSet<>();
        Set<String> withMeta = new HashSet<>();
        for (StoredKey key : store) {
            keyspace(key.key()).filter(rule -> rule.name().equals("agg") || rule.name().equals("resp")).ifPresent(rule -> {
                String rest = rest(key.key(), rule);
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
            keyspace(key.key()).filter(rule -> rule.name().equals("agg") || rule.name().equals("snap")).ifPresent(rule -> {
                Matcher parts = ROUND_KEY.matcher(rest(key.key(), rule));
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
            Optional<SurveyDefinition> survey = survey(roundId, store);
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
            keyspace(key.key()).ifPresent(rule -> {
                String rest = rest(key.key(), rule);
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
            if (keyspace(key.key()).filter(rule -> rule.name().equals("resp")).isPresent()) {
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
            if (broadcastRecord(key.key()) && key.type().equals("hash") && key.hash().containsKey(OWN_WORDS)) {
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

    private boolean broadcastRecord(String key) {
        String records = expected.prefix() + "bcast:";
        return key.startsWith(records) && BROADCAST_RECORD.matcher(key.substring(records.length())).matches();
    }

    /** What the identifier and answer checks read of a key: its content, less an announcement's own words. */
    private String scanned(StoredKey key) {
        if (!broadcastRecord(key.key()) || !key.type().equals("hash") || !key.hash().containsKey(OWN_WORDS)) {
            return content(key);
        }
        Map<String, String> rest = new LinkedHashMap<>(key.hash());
        rest.remove(OWN_WORDS);
        return String.join("\n", rest.keySet()) + "\n" + String.join("\n", rest.values());
    }

    /** A logged write's arguments, less an announcement's own words written to its record (HSET … text …). */
    private List<String> scanned(Logged command) {
        List<String> args = command.args();
        if (!command.name().equals("HSET") && !command.name().equals("HMSET") || args.size() < 4
                || !broadcastRecord(args.get(1))) {
            return args;
        }
        List<String> kept = new ArrayList<>(args.subList(0, 2));
        for (int i = 2; i + 1 < args.size(); i += 2) {
            if (!args.get(i).equals(OWN_WORDS)) {
                kept.add(args.get(i));
                kept.add(args.get(i + 1));
            }
        }
        return kept;
    }

    // ---- the data folder

    private Finding diskHoldsNoKeys(DiskFacts disk) {
        long keys = disk.files().stream().map(file -> baseName(file.name()))
                .filter(name -> name.endsWith(".key") || name.equals("hr-account")).count();
        return Finding.failIfAny("disk-holds-no-keys", counts("files", (long) disk.files().size(), "keyFiles", keys),
                "keyFiles");
    }

    private Finding diskReadable(DiskFacts disk) {
        long snapshots = disk.files().stream().filter(file -> file.kind() == Kind.SNAPSHOT).count();
        long other = disk.files().stream().filter(file -> file.kind() == Kind.OTHER).count();
        Map<String, Long> counts = counts("appendOnlyFiles", disk.files().stream()
                .filter(file -> file.kind() == Kind.APPEND_ONLY).count(), "commands", (long) disk.commands().size(),
                "snapshotParts", snapshots, "otherFiles", other, "unreadableFiles", (long) disk.unreadable());
        return new Finding("disk-readable", disk.unreadable() > 0 ? Verdict.NOT_CHECKED
                : snapshots + other > 0 ? Verdict.WARN : Verdict.PASS, counts);
    }

    private Finding diskKeyShapes(DiskFacts disk) {
        long keys = 0;
        long unknown = 0;
        long badShape = 0;
        for (Logged command : disk.commands()) {
            for (String key : keysOf(command)) {
                if (!key.startsWith(expected.prefix())) {
                    continue;
                }
                keys++;
                Optional<KeyspaceRule> rule = keyspace(key);
                if (rule.isEmpty()) {
                    unknown++;
                } else if (!rule.get().allows(rest(key, rule.get()))) {
                    badShape++;
                }
            }
        }
        return Finding.failIfAny("disk-key-shapes", counts("keysNamed", keys, "keysInNoKnownKeyspace", unknown,
                "keysOfAnotherShape", badShape), "keysInNoKnownKeyspace", "keysOfAnotherShape");
    }

    private Finding diskNoIdentifiers(DiskFacts disk) {
        long found = 0;
        for (Logged command : disk.commands()) {
            List<String> keys = keysOf(command);
            if (keys.isEmpty()) {
                continue;
            }
            Optional<KeyspaceRule> rule = keyspace(keys.get(0));
            if (!keys.get(0).startsWith(expected.prefix()) || rule.map(KeyspaceRule::identifiers).orElse(false)
                    || holdsTenantIds(keys.get(0))) {
                continue;
            }
            if (Identifiers.namesSomeone(readable(command, rule) ? String.join(" ", scanned(command))
                    : String.join(" ", keys))) {
                found++;
            }
        }
        long files = disk.files().stream().filter(file -> file.kind() == Kind.OTHER)
                .filter(file -> Identifiers.namesSomeone(file.text())).count();
        return Finding.failIfAny("disk-no-identifiers", counts("commands", (long) disk.commands().size(),
                "commandsWithIdentifiers", found, "otherFilesWithIdentifiers", files),
                "commandsWithIdentifiers", "otherFilesWithIdentifiers");
    }

    private Finding diskAnswersOnlyAsCounters(DiskFacts disk) {
        long found = 0;
        for (Logged command : disk.commands()) {
            List<String> keys = keysOf(command);
            if (keys.isEmpty() || !keys.get(0).startsWith(expected.prefix())) {
                continue;
            }
            Optional<KeyspaceRule> rule = keyspace(keys.get(0));
            if (rule.map(KeyspaceRule::options).orElse(false)) {
                continue;
            }
            if (identifiers.holdsAnswers(readable(command, rule) ? String.join(" ", scanned(command))
                    : String.join(" ", keys))) {
                found++;
            }
        }
        return Finding.failIfAny("disk-answers-only-as-counters", counts("commands", (long) disk.commands().size(),
                "commandsWithReadableAnswers", found), "commandsWithReadableAnswers");
    }

    private Finding diskSealed(DiskFacts disk, List<StoredKey> store) {
        long checked = 0;
        long readable = 0;
        long wrongLength = 0;
        for (Logged command : disk.commands()) {
            if (!command.name().equals("SET") || command.args().size() < 3) {
                continue;
            }
            String key = command.args().get(1);
            Optional<KeyspaceRule> rule = keyspace(key).filter(found -> found.sealed(rest(key, found)));
            if (rule.isEmpty()) {
                continue;
            }
            checked++;
            byte[] value = command.args().get(2).getBytes(StandardCharsets.ISO_8859_1);
            if (!looksSealed(value)) {
                readable++;
            } else if (rule.get().name().equals("progress")) {
                Optional<Integer> length = progressLength(roundOf(rest(key, rule.get())), store);
                if (length.isPresent() && value.length != length.get()) {
                    wrongLength++;
                }
            }
        }
        return Finding.failIfAny("disk-sealed", counts("sealedWrites", checked, "readableWrites", readable,
                "writesOfAnotherLength", wrongLength), "readableWrites", "writesOfAnotherLength");
    }

    /**
     * Each submission is logged as one block (MULTI … EXEC, adding a respondent token) until the next
     * rewrite. Its time is the latest one the file records before it: a Redis 7 time annotation, or the
     * last-active time written at the start of the same turn.
     */
    private Finding residualWindow(DiskFacts disk, Instant now) {
        long groups = 0;
        Optional<Instant> oldest = Optional.empty();
        boolean timeless = false;
        boolean inBlock = false;
        boolean submission = false;
        Optional<Instant> lastTime = Optional.empty();
        for (Logged command : disk.commands()) {
            if (command.annotatedTime().isPresent()
                    && (lastTime.isEmpty() || command.annotatedTime().get().isAfter(lastTime.get()))) {
                lastTime = command.annotatedTime();
            }
            switch (command.name()) {
                case "MULTI" -> {
                    inBlock = true;
                    submission = false;
                }
                case "EXEC" -> {
                    if (inBlock && submission) {
                        groups++;
                        if (lastTime.isEmpty()) {
                            timeless = true;
                        } else if (oldest.isEmpty() || lastTime.get().isBefore(oldest.get())) {
                            oldest = lastTime;
                        }
                    }
                    inBlock = false;
                }
                case "SADD" -> submission |= inBlock && keyspace(command.args().get(1))
                        .filter(rule -> rule.name().equals("resp")).isPresent();
                case "SET" -> {
                    if (command.args().size() >= 3 && keyspace(command.args().get(1))
                            .filter(rule -> rule.name().equals("conv")).isPresent()
                            && ACTIVE_TIME.matcher(command.args().get(2)).matches()) {
                        Instant active = Instant.ofEpochMilli(Long.parseLong(command.args().get(2)));
                        if (lastTime.isEmpty() || active.isAfter(lastTime.get())) {
                            lastTime = Optional.of(active);
                        }
                    }
                }
                default -> {
                }
            }
        }
        long ageSeconds = oldest.map(time -> Math.max(0, Duration.between(time, now).toSeconds())).orElse(-1L);
        Map<String, Long> counts = counts("submissionGroups", groups, "oldestGroupAgeSeconds", ageSeconds,
                "promisedAtMostGroups", (long) expected.rewriteEvery() - 1,
                "promisedAtMostSeconds", expected.rewriteInterval().plus(WINDOW_SLACK).toSeconds());
        boolean tooMany = groups >= expected.rewriteEvery();
        boolean tooOld = ageSeconds > expected.rewriteInterval().plus(WINDOW_SLACK).toSeconds();
        Verdict verdict = tooMany || tooOld ? Verdict.FAIL : timeless ? Verdict.WARN : Verdict.PASS;
        return new Finding("disk-residual-window", verdict, counts);
    }

    // ---- logs

    private Finding logs(List<AuditInput.LogFile> logs) {
        if (logs.isEmpty()) {
            return new Finding("logs-hold-nothing-personal", Verdict.NOT_CHECKED, Map.of());
        }
        long lines = 0;
        long personal = 0;
        for (AuditInput.LogFile log : logs) {
            for (String line : log.lines()) {
                lines++;
                if (Identifiers.namesSomeone(line) || identifiers.holdsAnswers(line)) {
                    personal++;
                }
            }
        }
        return Finding.failIfAny("logs-hold-nothing-personal", counts("files", (long) logs.size(), "lines", lines,
                "linesNamingSomeoneOrAnAnswer", personal), "linesNamingSomeoneOrAnAnswer");
    }

    private Finding threshold() {
        Map<String, Long> counts = counts("k", (long) expected.k(), "rewriteEvery", (long) expected.rewriteEvery(),
                "rewriteIntervalSeconds", expected.rewriteInterval().toSeconds());
        return new Finding("disclosure-threshold", expected.k() >= 5 && expected.rewriteEvery() <= expected.k()
                ? Verdict.PASS : Verdict.FAIL, counts);
    }

    // ---- helpers

    private Optional<KeyspaceRule> keyspace(String key) {
        if (!key.startsWith(expected.prefix())) {
            return Optional.empty();
        }
        String rest = key.substring(expected.prefix().length());
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        return expected.keyspaces().stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    private String rest(String key, KeyspaceRule rule) {
        return key.substring(Math.min(key.length(), expected.prefix().length() + rule.name().length() + 1));
    }

    private static String roundOf(String rest) {
        int close = rest.indexOf('}');
        return rest.startsWith("{") && close > 0 ? rest.substring(1, close) : rest;
    }

    private Optional<SurveyDefinition> survey(String roundId, List<StoredKey> store) {
        SurveyDefinition configured = expected.rounds().get(roundId);
        if (configured != null) {
            return Optional.of(configured);
        }
        String meta = expected.prefix() + "agg:{" + roundId + "}:meta";
        Optional<String> structure = store.stream().filter(key -> key.key().equals(meta))
                .map(key -> key.hash().get("structure")).filter(value -> value != null).findFirst();
        return structure.flatMap(hash -> expected.surveys().stream()
                .filter(survey -> survey.structureHash().equals(hash)).findFirst());
    }

    /** A sealed record of answers in progress has one length per survey (see the survey's progress codec). */
    private Optional<Integer> progressLength(String roundId, List<StoredKey> store) {
        return survey(roundId, store).map(survey -> {
            int length = 1 + 2;
            for (Question question : survey.questions()) {
                length += 1 + (question.optionIds().size() + 7) / 8;
            }
            return SEAL_OVERHEAD + length;
        });
    }

    /** Signpost's seal format, and bytes that do not read as text. */
    static boolean looksSealed(byte[] value) {
        if (value.length < SEAL_OVERHEAD || value[0] != SEAL_VERSION) {
            return false;
        }
        long printable = 0;
        for (byte b : value) {
            if (b >= 0x20 && b < 0x7f) {
                printable++;
            }
        }
        return printable < value.length * 0.8;
    }

    /** A value anyone can read: any value outside the sealed keyspaces, and one inside them that is not sealed. */
    private boolean readable(StoredKey key, Optional<KeyspaceRule> rule) {
        return !rule.map(found -> found.sealed(rest(key.key(), found))).orElse(false) || !key.type().equals("string")
                || !looksSealed(key.value());
    }

    /** A logged write anyone can read: as above, for the value a SET writes. */
    private boolean readable(Logged command, Optional<KeyspaceRule> rule) {
        if (!rule.map(found -> found.sealed(rest(command.args().get(1), found))).orElse(false)) {
            return true;
        }
        return command.name().equals("SET") && command.args().size() >= 3
                && !looksSealed(command.args().get(2).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String content(StoredKey key) {
        return switch (key.type()) {
            case "string" -> new String(key.value(), StandardCharsets.ISO_8859_1);
            case "hash" -> String.join("\n", key.hash().keySet()) + "\n" + String.join("\n", key.hash().values());
            default -> String.join("\n", key.members());
        };
    }

    private static List<String> keysOf(Logged command) {
        if (command.args().size() < 2 || KEYLESS.contains(command.name())) {
            return List.of();
        }
        return MANY_KEYS.contains(command.name()) ? command.args().subList(1, command.args().size())
                : List.of(command.args().get(1));
    }

    private static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1).toLowerCase(Locale.ROOT);
    }

    static Map<String, Long> counts(Object... pairs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            counts.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return counts;
    }
}
