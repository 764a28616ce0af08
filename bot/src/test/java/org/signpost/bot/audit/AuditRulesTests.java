package org.signpost.bot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.redis.Keyspace;

/**
 * The pure rules on facts made by hand, where a live store cannot easily show them: the residual window
 * of the data folder over a moved clock, the ACL reading, and that every keyspace the code names has its
 * audit rule.
 */
class AuditRulesTests {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final AuditInput.Expected EXPECTED = new AuditInput.Expected("signpost:", 10, 10, Duration.ofMinutes(10),
            Keyspaces.all(Duration.ofHours(24), Duration.ofHours(4)), Map.of(), List.of(SurveyTally.SURVEY),
            Duration.ofDays(365));
    static final ServerFacts SERVER = new ServerFacts(Optional.of("noeviction"), Optional.of(""), Optional.of(List.of(
            new ServerFacts.AclUser("default", List.of("on", "~*", "&*", "+@all")))), "default", false);
    static final ServersRead ONE_SERVER = new ServersRead(List.of(SERVER), 1, 0, 0);

    @Test
    void theResidualWindowFailsWhenAGroupIsOlderThanPromisedOrThereAreKOfThem() {
        assertThat(window(List.of(NOW.minusSeconds(60), NOW.minusSeconds(30)), NOW).verdict()).isEqualTo(Verdict.PASS);
        Finding old = window(List.of(NOW.minus(Duration.ofMinutes(25)), NOW.minusSeconds(30)), NOW);
        assertThat(old.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(old.counts()).containsEntry("submissionGroups", 2L).containsEntry("oldestGroupAgeSeconds", 1500L);
        List<Instant> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(NOW.minusSeconds(10 + i));
        }
        assertThat(window(ten, NOW).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aSettingIsJudgedOnEveryServerAndOneThatWouldNotSayIsNeverAPass() {
        ServerFacts app = new ServerFacts(Optional.of("noeviction"), Optional.of(""), Optional.of(List.of(
                new ServerFacts.AclUser("signpost", List.of("on", "~signpost:*", "+@all", "-@dangerous")))), "signpost", true);
        ServerFacts noisy = new ServerFacts(Optional.of("noeviction"), Optional.of("KEA"), Optional.of(List.of(
                new ServerFacts.AclUser("watcher", List.of("on", "~*", "&*", "+@all")))), "signpost", true);
        ServerFacts evicting = new ServerFacts(Optional.of("allkeys-lru"), Optional.of(""), app.users(), "signpost", true);
        ServerFacts silent = new ServerFacts(Optional.of("noeviction"), Optional.empty(), Optional.empty(), "signpost", true);

        List<Finding> clean = settings(new ServersRead(List.of(app, app, app), 3, 0, 0));
        assertThat(clean).allSatisfy(finding -> assertThat(finding.verdict()).as(finding.rule()).isEqualTo(Verdict.PASS));

        List<Finding> leaky = settings(new ServersRead(List.of(app, noisy, evicting), 2, 1, 0));
        assertThat(leaky).allSatisfy(finding -> assertThat(finding.verdict()).as(finding.rule())
                .isEqualTo(finding.rule().equals("servers-read") ? Verdict.PASS : Verdict.FAIL));
        assertThat(rule(leaky, "keyspace-notifications").counts()).containsEntry("servers", 3L)
                .containsEntry("serversWithNotificationsOn", 1L);
        assertThat(rule(leaky, "eviction-policy").counts()).containsEntry("serversThatMayEvict", 1L);
        assertThat(rule(leaky, "monitor-access").counts()).containsEntry("otherUsersWhoMayMonitor", 1L);

        // one server of three would not show its settings, and a Sentinel master's two replicas were not read
        List<Finding> partial = settings(new ServersRead(List.of(app, silent, app), 1, 0, 2));
        for (String rule : List.of("servers-read", "keyspace-notifications", "monitor-access", "keyspace-event-access")) {
            assertThat(rule(partial, rule).verdict()).as(rule).isEqualTo(Verdict.NOT_CHECKED);
        }
        assertThat(rule(partial, "servers-read").counts()).containsEntry("replicasNotRead", 2L);
        assertThat(rule(partial, "eviction-policy").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aYearsPledgeTokensMustExpireWithinAYearThoughTheRestOfTheBroadcastKeyspaceNeedNot() {
        String pledges = "signpost:bcast:{pledges:" + "a".repeat(64) + "}";
        String meta = "signpost:bcast:{" + "b".repeat(16) + "}:meta";
        assertThat(lifetimes(new StoredKey(pledges, "set", Duration.ofDays(300).toMillis(), List.of("c".repeat(64)),
                Map.of(), null), new StoredKey(meta, "hash", -1, List.of(), Map.of("state", "DONE"), null)).verdict())
                .isEqualTo(Verdict.PASS);
        Finding forever = lifetimes(new StoredKey(pledges, "set", -1, List.of("c".repeat(64)), Map.of(), null));
        assertThat(forever.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(forever.counts()).containsEntry("keysThatNeverExpire", 1L);
        assertThat(lifetimes(new StoredKey(pledges, "set", Duration.ofDays(400).toMillis(), List.of("c".repeat(64)),
                Map.of(), null)).counts()).containsEntry("keysThatOutliveTheirKeyspace", 1L);
    }

    /**
     * An announcement's record and its recipient sets must expire within the retention after its time to send
     * (365 days here): one that never expires, or outlives it, is a finding; the queue's own keys need not.
     */
    @Test
    void anAnnouncementsRecordMustExpireWithinItsRetentionAfterItsTime() {
        String record = "signpost:bcast:{" + "b".repeat(16) + "}:b:a0123456789abcdef";
        Instant later = NOW.plus(Duration.ofDays(60));
        Map<String, String> fields = Map.of("state", "SCHEDULED", "sendAt", Long.toString(later.toEpochMilli()));
        StoredKey scheduled = new StoredKey(record, "hash", Duration.ofDays(60 + 365).toMillis(),
                List.copyOf(fields.keySet()), fields, null);
        StoredKey queueKey = new StoredKey("signpost:bcast:{" + "b".repeat(16) + "}:all", "zset", -1,
                List.of("a0123456789abcdef"), Map.of(), null);
        Finding kept = lifetimes(scheduled, queueKey);
        assertThat(kept.verdict()).isEqualTo(Verdict.PASS);
        assertThat(kept.counts()).containsEntry("keysThatMustExpire", 1L);

        Finding forever = lifetimes(new StoredKey(record, "hash", -1, List.copyOf(fields.keySet()), fields, null),
                new StoredKey(record + ":to", "hash", Duration.ofDays(300).toMillis(), List.of("p"), Map.of("p", "0"), null));
        assertThat(forever.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(forever.counts()).containsEntry("keysThatMustExpire", 2L).containsEntry("keysThatNeverExpire", 1L);

        Map<String, String> sent = Map.of("state", "DONE", "sendAt", Long.toString(NOW.minus(Duration.ofDays(1)).toEpochMilli()));
        Finding tooLong = lifetimes(new StoredKey(record, "hash", Duration.ofDays(366).toMillis(),
                List.copyOf(sent.keySet()), sent, null),
                new StoredKey(record + ":seen", "set", Duration.ofDays(400).toMillis(), List.of("p"), Map.of(), null));
        assertThat(tooLong.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(tooLong.counts()).containsEntry("keysThatOutliveTheirKeyspace", 2L);
    }

    @Test
    void anAmbassadorsOwnWordsInAnAnnouncementsRecordAreContentButNothingElseIsPassedOver() {
        String record = "signpost:bcast:{" + "b".repeat(16) + "}:b:a0123456789abcdef";
        String words = "Write to wellbeing@example.org, or see [the plan](http://x.example). stigma-awareness:agree";
        Map<String, String> fields = Map.of("message", "you-said-we-did", "state", "DONE", "text", words);
        StoredKey announcement = new StoredKey(record, "hash", -1, List.copyOf(fields.keySet()), fields, null);
        List<Finding> clean = store(announcement);
        for (String rule : List.of("no-identifiers", "answers-only-as-counters", "announcement-texts")) {
            assertThat(rule(clean, rule).verdict()).as(rule).isEqualTo(Verdict.PASS);
        }
        assertThat(rule(clean, "announcement-texts").counts()).containsEntry("announcementTexts", 1L);

        // the same words in any other field, or in a field "text" of any other key, are still found
        Map<String, String> elsewhere = Map.of("message", words, "state", "DONE");
        assertThat(rule(store(new StoredKey(record, "hash", -1, List.copyOf(elsewhere.keySet()), elsewhere, null)),
                "no-identifiers").verdict()).isEqualTo(Verdict.FAIL);
        String other = "signpost:bcast:{" + "b".repeat(16) + "}:b:a0123456789abcdef:to";
        List<Finding> otherKey = store(new StoredKey(other, "hash", -1, List.of("text"), Map.of("text", words), null));
        assertThat(rule(otherKey, "no-identifiers").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(rule(otherKey, "answers-only-as-counters").verdict()).isEqualTo(Verdict.FAIL);

        // and own words over the flow's limit are a finding: the field holds an announcement, nothing more
        Map<String, String> long601 = Map.of("message", "you-said-we-did", "text", "x".repeat(601));
        Finding tooLong = rule(store(new StoredKey(record, "hash", -1, List.copyOf(long601.keySet()), long601, null)),
                "announcement-texts");
        assertThat(tooLong.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(tooLong.counts()).containsEntry("textsOverTheLimit", 1L);

        // in the data folder, the write of the words to the record is passed over; any other write is read
        assertThat(disk(logged("HSET", record, "text", words)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(disk(logged("HSET", record, "message", words)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(disk(logged("HSET", other, "text", words)).verdict()).isEqualTo(Verdict.FAIL);
    }

    private static List<Finding> store(StoredKey... keys) {
        return new AuditRules(EXPECTED).judge(new AuditInput(EXPECTED, List.of(keys), ONE_SERVER, Optional.empty(),
                List.of(), NOW));
    }

    private static Finding disk(DiskFacts.Logged... commands) {
        DiskFacts disk = new DiskFacts(List.of(new DiskFacts.DiskFile("signpost.aof", DiskFacts.Kind.APPEND_ONLY, 1, "")),
                List.of(commands), 0);
        return rule(new AuditRules(EXPECTED).judge(new AuditInput(EXPECTED, List.of(), ONE_SERVER, Optional.of(disk),
                List.of(), NOW)), "disk-no-identifiers");
    }

    private static Finding lifetimes(StoredKey... keys) {
        return rule(new AuditRules(EXPECTED).judge(new AuditInput(EXPECTED, List.of(keys), ONE_SERVER, Optional.empty(),
                List.of(), NOW)), "lifetimes");
    }

    private static List<Finding> settings(ServersRead servers) {
        return new AuditRules(EXPECTED).judge(new AuditInput(EXPECTED, List.of(), servers, Optional.empty(), List.of(), NOW))
                .stream().filter(finding -> List.of("servers-read", "eviction-policy", "keyspace-notifications",
                        "monitor-access", "keyspace-event-access").contains(finding.rule())).toList();
    }

    private static Finding rule(List<Finding> findings, String rule) {
        return findings.stream().filter(finding -> finding.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void aTeamsIdIsFoundButATimeOfDayAtMinute28Or29IsNot() {
        assertThat(Identifiers.namesSomeone("user 29:1AbCdEfGhIjK signed up")).isTrue();
        assertThat(Identifiers.namesSomeone("\"from\":{\"id\":\"28:bot-app\"}")).isTrue();
        assertThat(Identifiers.namesSomeone("2026-11-30T15:29:54.544Z  INFO 29182 --- [main] Started")).isFalse();
        assertThat(Identifiers.namesSomeone("15:28:01.002 [main] INFO Tomcat started")).isFalse();
    }

    @Test
    void aclRulesAreReadInOrder() {
        assertThat(AclRules.mayRun(List.of("on", "+@all", "-@dangerous"), "monitor", "admin", "dangerous")).isFalse();
        assertThat(AclRules.mayRun(List.of("on", "-@all", "+@read", "+monitor"), "monitor", "admin", "dangerous")).isTrue();
        assertThat(AclRules.mayRun(List.of("on", "+@all", "-monitor"), "monitor", "admin", "dangerous")).isFalse();
        assertThat(AclRules.mayUseChannel(List.of("resetchannels", "&__keyspace@0__:*"), "__keyspace@0__:signpost:agg")).isTrue();
        assertThat(AclRules.mayUseChannel(List.of("resetchannels", "&app:*"), "__keyspace@0__:signpost:agg")).isFalse();
        assertThat(AclRules.mayUseChannel(List.of("&*", "resetchannels"), "__keyspace@0__:signpost:agg")).isFalse();
    }

    /**
     * A sign-up key lives until its own session's retention ends, whatever that is: a session 60 days ahead
     * with the longest retention (365 days) is fine (a fixed 400-day bound flagged it), and a key that
     * outlives its session's end of retention is caught even when it is well under 400 days.
     */
    @Test
    void aSignUpKeyIsHeldToItsOwnSessionsEndOfRetention() {
        Instant farEnd = NOW.plus(Duration.ofDays(60 + 365)).plus(Duration.ofMinutes(90));
        Instant nearEnd = NOW.plus(Duration.ofDays(10 + 30)).plus(Duration.ofMinutes(90));
        List<StoredKey> store = new ArrayList<>(List.of(session("s-farahead", farEnd), session("s-nearsoon", nearEnd),
                signUp("s-farahead", ":seats", Duration.between(NOW, farEnd)),
                signUp("s-farahead", ":waiting", Duration.between(NOW, farEnd).minusHours(2)),
                signUp("s-nearsoon", ":seats", Duration.between(NOW, nearEnd))));
        assertThat(lifetimes(store).verdict()).isEqualTo(Verdict.PASS);
        assertThat(lifetimes(store).counts()).containsEntry("keysThatMustExpire", 3L);

        // kept 100 days: well under 400, but 60 days after its session's sign-ups must be gone
        store.add(signUp("s-nearsoon", ":waiting", Duration.ofDays(100)));
        assertThat(lifetimes(store).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(lifetimes(store).counts()).containsEntry("keysThatOutliveTheirKeyspace", 1L);
        store.remove(store.size() - 1);

        // a sign-up whose session is gone lives no longer than the last session's sign-ups; one that never expires
        store.add(signUp("s-deletedone", ":seats", Duration.between(NOW, farEnd).plusDays(1)));
        store.add(signUp("s-nearsoon", ":queue", Duration.ofMillis(-1)));
        assertThat(lifetimes(store).counts()).containsEntry("keysThatOutliveTheirKeyspace", 1L)
                .containsEntry("keysThatNeverExpire", 1L);
    }

    private static StoredKey session(String id, Instant deleteAt) {
        return new StoredKey("signpost:focus:{" + id + "}", "hash", -1, List.of("details", "status", "deleteAt"),
                Map.of("details", "{}", "status", "OPEN", "deleteAt", Long.toString(deleteAt.toEpochMilli())), new byte[0]);
    }

    private static StoredKey signUp(String session, String suffix, Duration ttl) {
        return new StoredKey("signpost:signup:{" + session + "}" + suffix, "hash", ttl.toMillis(), List.of("ab".repeat(32)),
                Map.of("ab".repeat(32), "sealed"), new byte[0]);
    }

    private static Finding lifetimes(List<StoredKey> store) {
        return rule(new AuditRules(EXPECTED).judge(new AuditInput(EXPECTED, store, ONE_SERVER, Optional.empty(),
                List.of(), NOW)), "lifetimes");
    }

    @Test
    void everyKeyspaceTheCodeNamesHasItsAuditRule() {
        List<String> audited = EXPECTED.keyspaces().stream().map(KeyspaceRule::name).toList();
        assertThat(audited).containsAll(Arrays.stream(Keyspace.values())
                .map(keyspace -> keyspace.key("", "x").replaceAll(":.*", "")).toList());
    }

    /** Submission blocks, each after a last-active time written in the same turn. */
    private static Finding window(List<Instant> submissions, Instant now) {
        List<DiskFacts.Logged> commands = new ArrayList<>();
        for (Instant at : submissions) {
            commands.add(logged("SET", "signpost:conv:{" + "ab".repeat(32) + "}:active", Long.toString(at.toEpochMilli())));
            commands.add(logged("MULTI"));
            commands.add(logged("DEL", "signpost:progress:{trial}:" + "cd".repeat(32)));
            commands.add(logged("SADD", "signpost:resp:{trial}", "ef".repeat(32)));
            commands.add(logged("HSET", "signpost:agg:{trial}:all", "responses", "1"));
            commands.add(logged("EXEC"));
        }
        DiskFacts disk = new DiskFacts(List.of(new DiskFacts.DiskFile("signpost.aof", DiskFacts.Kind.APPEND_ONLY, 1, "")),
                commands, 0);
        List<Finding> findings = new AuditRules(EXPECTED).judge(new AuditInput(EXPECTED, List.of(), ONE_SERVER,
                Optional.of(disk), List.of(), now));
        return findings.stream().filter(finding -> finding.rule().equals("disk-residual-window")).findFirst().orElseThrow();
    }

    private static DiskFacts.Logged logged(String... args) {
        return new DiskFacts.Logged(List.of(args), Optional.empty());
    }
}
