package org.signpost.bot.audit;

import static org.signpost.bot.audit.KeyspaceRule.KEYED;
import static org.signpost.bot.audit.KeyspaceRule.ROUND;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every keyspace Signpost writes, with what it may hold (DESIGN §2a, docs/privacy.md). A key in no
 * keyspace here is a finding; so is a key of the wrong shape or type, or one that outlives its keyspace.
 * Adding a keyspace is adding one entry (and a test checks every keyspace the code names has one).
 */
final class Keyspaces {

    /** Which keys of a keyspace hold sealed records: none, or all. */
    private static final String NONE = null;
    private static final String ALL = ".*";
    /** The sign-ups' keyspace: its keys must expire, each when its session's retention period ends. */
    static final String SIGN_UPS = "signup";
    /** Stands for "per session" in the sign-ups' rule; {@link StoreRules} reads each session's deleteAt. */
    private static final Duration UNTIL_RETENTION_ENDS = Duration.ZERO;
    private static final String COUNTER_HASH = "(meta|all|by:[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*)";

    private Keyspaces() {
    }

    /**
     * @param conversationTtl how long a last-active time may live (24 h, or the idle gap if longer)
     * @param progressTtl     how long answers in progress may live
     */
    static List<KeyspaceRule> all(Duration conversationTtl, Duration progressTtl) {
        return List.of(
                rule("agg", Set.of("hash"), NONE, false, true, null, ROUND + ":" + COUNTER_HASH),
                rule("resp", Set.of("set"), NONE, false, false, null, ROUND),
                rule("snap", Set.of("hash"), NONE, false, true, null, ROUND + ":" + COUNTER_HASH),
                // the last-active time (a number), and the flow in progress (sealed)
                rule("conv", Set.of("string"), ".*:flow", false, false, conversationTtl,
                        "\\{" + KEYED + "}:active", "\\{" + KEYED + "}:flow"),
                // the survey's answers in progress per round; every other flow's runs under one keyed name
                rule("progress", Set.of("string"), ALL, false, false, progressTtl, ROUND + ":" + KEYED,
                        "\\{" + KEYED + "}"),
                // sealed references; and who announcements can reach, as sets of keyed names per keyed tenant
                rule("ref", Set.of("string", "set"), "\\{" + KEYED + "}", false, false, null, "\\{" + KEYED + "}",
                        "\\{(reach|channels|optout|left|teams):" + KEYED + "}"),
                // announcements on their way: recipients only as keyed names, and only while pending
                rule("bcast", Set.of("hash", "zset", "set", "string", "list"), NONE, false, false, null,
                        "\\{[A-Za-z0-9:_-]{1,100}}(:[A-Za-z0-9:_.-]+)*"),
                // HR's own data: headcounts per group, rounds, the audit log (HR users' names)
                rule("hr", Set.of("hash", "zset", "string", "set"), NONE, true, true, null,
                        "\\{[a-z0-9][a-z0-9-]*}:[a-z][a-z-]*"),
                // focus-group sessions: their details (facilitators' and first aider's names), the open ones by start
                // time, never who signed up
                rule("focus", Set.of("hash", "set", "zset"), NONE, true, false, null, "\\{(sessions|s-[a-z0-9]+)}",
                        "\\{sessions}:open"),
                // focus-group sign-ups, with consent: sealed, and gone when the session's retention ends; each key
                // is held to its own session's end of retention (deleteAt, from the session's time and the
                // retention configured for it: StoreRules), not to one bound for every session
                rule(SIGN_UPS, Set.of("string", "hash", "zset", "set"), ALL, false, false, UNTIL_RETENTION_ENDS,
                        "\\{[A-Za-z0-9-]{1,64}}(:" + KEYED + ")?(:[a-z-]+)?"),
                rule("dedup", Set.of("string"), NONE, false, false, Duration.ofHours(1), "\\{[^}]{1,128}}"));
    }

    private static KeyspaceRule rule(String name, Set<String> types, String sealed, boolean identifiers,
            boolean options, Duration maxTtl, String... shapes) {
        return new KeyspaceRule(name, List.of(shapes).stream().map(Pattern::compile).toList(), types,
                Optional.ofNullable(sealed).map(Pattern::compile), identifiers, options, Optional.ofNullable(maxTtl));
    }
}
