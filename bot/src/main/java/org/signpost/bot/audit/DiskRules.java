package org.signpost.bot.audit;

import static org.signpost.bot.audit.AuditedKeys.OWN_WORDS;
import static org.signpost.bot.audit.AuditedKeys.looksSealed;
import static org.signpost.bot.audit.AuditedKeys.roundOf;
import static org.signpost.bot.audit.Finding.counts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.signpost.bot.audit.DiskFacts.Kind;
import org.signpost.bot.audit.DiskFacts.Logged;

/**
 * The audit's rules about Redis's data folder (DESIGN §2c), from its files and the commands they log: no
 * keys, every file readable, the same key shapes, no identifiers and no readable answers as in the store,
 * answers in progress written sealed, and few recent submissions kept apart (the residual window, {@link
 * ResidualWindowRule}).
 */
final class DiskRules {

    static final List<String> RULES = List.of("disk-holds-no-keys", "disk-readable", "disk-key-shapes",
            "disk-no-identifiers", "disk-answers-only-as-counters", "disk-sealed", "disk-residual-window");
    private static final Set<String> KEYLESS = Set.of("SELECT", "MULTI", "EXEC", "DISCARD", "SCRIPT", "FUNCTION",
            "FLUSHALL", "FLUSHDB", "PING", "SWAPDB", "PUBLISH");
    private static final Set<String> MANY_KEYS = Set.of("DEL", "UNLINK", "EXISTS", "TOUCH");

    private final AuditedKeys audited;
    private final ResidualWindowRule residualWindow;

    DiskRules(AuditedKeys audited) {
        this.audited = audited;
        this.residualWindow = new ResidualWindowRule(audited);
    }

    /** Each rule NOT CHECKED when no data folder was given. The store is read for each round's survey. */
    List<Finding> judge(Optional<DiskFacts> folder, List<StoredKey> store, Instant now) {
        if (folder.isEmpty()) {
            return RULES.stream().map(rule -> new Finding(rule, Verdict.NOT_CHECKED, Map.of())).toList();
        }
        DiskFacts disk = folder.get();
        return List.of(diskHoldsNoKeys(disk), diskReadable(disk), diskKeyShapes(disk), diskNoIdentifiers(disk),
                diskAnswersOnlyAsCounters(disk), diskSealed(disk, store), residualWindow.judge(disk, now));
    }

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
                if (!key.startsWith(audited.expected().prefix())) {
                    continue;
                }
                keys++;
                Optional<KeyspaceRule> rule = audited.keyspace(key);
                if (rule.isEmpty()) {
                    unknown++;
                } else if (!rule.get().allows(audited.rest(key, rule.get()))) {
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
            Optional<KeyspaceRule> rule = audited.keyspace(keys.get(0));
            if (!keys.get(0).startsWith(audited.expected().prefix()) || rule.map(KeyspaceRule::identifiers).orElse(false)
                    || audited.holdsTenantIds(keys.get(0))) {
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
            if (keys.isEmpty() || !keys.get(0).startsWith(audited.expected().prefix())) {
                continue;
            }
            Optional<KeyspaceRule> rule = audited.keyspace(keys.get(0));
            if (rule.map(KeyspaceRule::options).orElse(false)) {
                continue;
            }
            if (audited.identifiers().holdsAnswers(readable(command, rule) ? String.join(" ", scanned(command))
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
            Optional<KeyspaceRule> rule = audited.keyspace(key).filter(found -> found.sealed(audited.rest(key, found)));
            if (rule.isEmpty()) {
                continue;
            }
            checked++;
            byte[] value = command.args().get(2).getBytes(StandardCharsets.ISO_8859_1);
            if (!looksSealed(value)) {
                readable++;
            } else if (rule.get().name().equals("progress")) {
                Optional<Integer> length = audited.progressLength(roundOf(audited.rest(key, rule.get())), store);
                if (length.isPresent() && value.length != length.get()) {
                    wrongLength++;
                }
            }
        }
        return Finding.failIfAny("disk-sealed", counts("sealedWrites", checked, "readableWrites", readable,
                "writesOfAnotherLength", wrongLength), "readableWrites", "writesOfAnotherLength");
    }

    /** A logged write's arguments, less an announcement's own words written to its record (HSET … text …). */
    private List<String> scanned(Logged command) {
        List<String> args = command.args();
        if (!command.name().equals("HSET") && !command.name().equals("HMSET") || args.size() < 4
                || !audited.broadcastRecord(args.get(1))) {
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

    /** A logged write anyone can read: as above, for the value a SET writes. */
    private boolean readable(Logged command, Optional<KeyspaceRule> rule) {
        if (!rule.map(found -> found.sealed(audited.rest(command.args().get(1), found))).orElse(false)) {
            return true;
        }
        return command.name().equals("SET") && command.args().size() >= 3
                && !looksSealed(command.args().get(2).getBytes(StandardCharsets.ISO_8859_1));
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
}
