package org.signpost.bot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FocusGroupVolunteer;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.TestRedis;
import org.signpost.bot.broadcast.RedisDeliveryQueue;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The audit against the real thing: people take the survey over real HTTP (one leaves it half done), and
 * the audit of the live store, the embedded Redis's data folder and the app's own log file passes every
 * rule. Then each kind of leak is seeded, one at a time, and the audit fails loudly on the rule that
 * covers it (the report's verdict, and the command's exit code); once the leaks are gone and the
 * append-only file rewritten, the audit passes again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyAuditIntegrationTests {

    static final String ROUND = "trial";
    static final LocalTrial trial = new LocalTrial("signpost-audit");
    static final Path logs = TestRedis.tempFolder("signpost-audit-logs");
    static final String HEX = "9f".repeat(32);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
        registry.add("signpost.audit.log-files", () -> logs.resolve("signpost.log").toString());
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    @Autowired
    Auditor auditor;

    @Autowired
    RedisDeliveryQueue deliveries;

    @Test
    @Order(1)
    void afterAScriptedSurveySignUpAndAnnouncementEveryRuleHolds(CapturedOutput output) throws Exception {
        Endpoint endpoint = new Endpoint(port);
        Random random = new Random(15);
        for (int person = 0; person < 6; person++) {
            Activities teams = new Activities(trial.connector().serviceUrl(), "29:audit-user-" + person,
                    "Audit Person " + person, "0f8fad5b-d9cb-469f-a165-70867728950" + person);
            String conversation = "a:audit-conversation-" + person;
            assertThat(endpoint.post(teams.installationUpdate(conversation, "add")).statusCode()).isEqualTo(200);
            SurveyRespondent respondent = new SurveyRespondent(endpoint, teams, conversation);
            if (person < 5) {
                respondent.answer(ROUND, SurveyTally.SURVEY, SurveyTally.randomAnswers(random));
            } else {
                respondent.prepare(ROUND, SurveyTally.SURVEY, SurveyTally.randomAnswers(random));
            }
        }
        // one of them also signs up for the trial's focus group in chat: sealed, keyed, expiring with the session
        new FocusGroupVolunteer(endpoint, new Activities(trial.connector().serviceUrl(), "29:audit-user-0",
                "Audit Person 0", "0f8fad5b-d9cb-469f-a165-708677289500"), "a:audit-conversation-0", trial.connector())
                .signUp();
        // and an announcement goes out to everyone reachable: one person pledged, one said "stop announcements"
        Activities pledging = new Activities(trial.connector().serviceUrl(), "29:audit-user-1", "Audit Person 1",
                "0f8fad5b-d9cb-469f-a165-708677289501");
        assertThat(endpoint.post(pledging.message("a:audit-conversation-1", "pledge")).statusCode()).isEqualTo(200);
        Activities stopping = new Activities(trial.connector().serviceUrl(), "29:audit-user-2", "Audit Person 2",
                "0f8fad5b-d9cb-469f-a165-708677289502");
        assertThat(endpoint.post(stopping.message("a:audit-conversation-2", "stop announcements")).statusCode())
                .isEqualTo(200);
        deliveries.schedule(new Broadcast("audit-b1", "tenant-1", "time-to-talk-day", Audience.everyoneReachable(),
                Instant.now()));
        for (int tries = 0; deliveries.progress("audit-b1").map(Progress::state).orElseThrow() != BroadcastState.DONE;
                tries++) {
            assertThat(tries).as("the announcement is sent").isLessThan(600);
            Thread.sleep(50);
        }
        assertThat(deliveries.progress("audit-b1").orElseThrow().optedOut()).isEqualTo(1L);
        // in Teams a tenant id is a GUID, shaped like a person's object id: the queue lists it as an organisation
        deliveries.schedule(new Broadcast("audit-b2", "72f988bf-86f1-41af-91ab-2d7cd011db47", "time-to-talk-day",
                Audience.everyoneReachable(), Instant.now().plusSeconds(3600)));
        // an ambassador's "you said, we did": their own words, which may name a contact address for all staff
        deliveries.schedule(new Broadcast("audit-b3", "tenant-1", "you-said-we-did",
                "We did: **quiet rooms**; write to wellbeing@example.org or see [the plan](http://x.example/plan).",
                Audience.everyoneReachable(), Instant.now().plusSeconds(3600)));

        // the app logs to standard output: here, what it wrote during the run, kept as an operator would keep it
        Files.writeString(logs.resolve("signpost.log"), output.getAll());
        AuditReport report = auditor.run("test");

        assertThat(report.findings()).allSatisfy(finding ->
                assertThat(finding.verdict()).as(finding.rule() + " " + finding.counts()).isEqualTo(Verdict.PASS));
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(count(report, "disk-residual-window", "submissionGroups")).isEqualTo(5);
        assertThat(count(report, "sealed-records", "sealedRecords")).as("references and progress").isGreaterThan(6);
        assertThat(count(report, "logs-hold-nothing-personal", "lines")).isPositive();
        assertThat(count(report, "announcement-texts", "announcementTexts")).isEqualTo(1);
        assertThat(report.keyspaces()).containsEntry("progress", 1L).containsEntry("resp", 1L).containsEntry("unknown", 0L)
                .containsEntry("signup", 1L);
        assertThat(report.keyspaces().get("bcast")).as("the announcement's queue and the pledge").isPositive();
        assertThat(report.text()).contains(report.sha256()).contains(report.madeBy().commit());
        assertThat(AuditReport.sha256(report.json())).isEqualTo(report.sha256());
        assertThat(redis.zrange("signpost:hr:{audit}:log", 0, -1)).anyMatch(entry -> entry.contains(report.sha256()));
    }

    @Test
    @Order(2)
    void anIdInASurveyKeyIsCaught() {
        String key = "signpost:progress:{trial}:msteams/a:leaked-conversation-1";
        redis.set(key.getBytes(StandardCharsets.UTF_8), sealedLooking(60), SetParams.setParams().px(60_000));
        try {
            AuditReport report = auditor.run("test");
            assertFails(report, "key-shapes", "no-identifiers", "disk-key-shapes", "disk-no-identifiers");
        } finally {
            redis.del(key);
        }
    }

    @Test
    @Order(3)
    void clearAnswersInProgressAreCaught() {
        String key = "signpost:progress:{trial}:" + HEX;
        redis.set(key, "{\"stigma-awareness\":\"agree\",\"role\":\"manager\"}", SetParams.setParams().px(60_000));
        try {
            AuditReport report = auditor.run("test");
            assertFails(report, "sealed-records", "answers-only-as-counters", "disk-sealed",
                    "disk-answers-only-as-counters");
        } finally {
            redis.del(key);
        }
    }

    @Test
    @Order(4)
    void aKeyFileInTheDataFolderIsCaught() throws IOException {
        Path key = trial.data().resolve("respondent-token.key");
        Files.write(key, new byte[32]);
        try {
            assertFails(auditor.run("test"), "disk-holds-no-keys");
        } finally {
            Files.delete(key);
        }
    }

    @Test
    @Order(5)
    void aClosedRoundWithTokensIsCaught() {
        String meta = "signpost:agg:{closed-2025}:meta";
        String tokens = "signpost:resp:{closed-2025}";
        redis.hset(meta, Map.of("state", "closed", "structure", "0".repeat(64)));
        redis.sadd(tokens, HEX);
        try {
            assertFails(auditor.run("test"), "closed-rounds-have-no-tokens");
        } finally {
            redis.del(meta, tokens);
        }
    }

    @Test
    @Order(6)
    void aFocusGroupSignUpPastItsRetentionIsCaught() {
        // a sign-up is kept only until its session's retention ends: one that never expires outlives it
        String signUp = "signpost:signup:{session-1}:" + HEX;
        redis.set(signUp.getBytes(StandardCharsets.UTF_8), sealedLooking(80));
        try {
            assertFails(auditor.run("test"), "lifetimes");
        } finally {
            redis.del(signUp);
        }
    }

    @Test
    @Order(7)
    void identifyingDataOutsideItsKeyspaceIsCaught() {
        String people = "signpost:people:{staff}";
        String active = "signpost:conv:{" + HEX + "}:active";
        String counters = "signpost:agg:{trial}:by:role:manager";
        redis.set(people, "jo.bloggs@example.org");
        redis.set(active, "29:1AbCdEfGhIjK", SetParams.setParams().px(60_000));
        redis.hset(counters, "29:1AbCdEfGhIjK", "1");
        try {
            AuditReport report = auditor.run("test");
            assertFails(report, "known-keyspaces", "no-identifiers", "counter-hashes-alike", "disk-key-shapes",
                    "disk-no-identifiers");
            assertThat(report.keyspaces()).containsEntry("unknown", 1L);
        } finally {
            redis.del(people, active);
            redis.hdel(counters, "29:1AbCdEfGhIjK");
        }
    }

    @Test
    @Order(8)
    void settingsThatExposeSubmissionsAreCaught() {
        redis.configSet("notify-keyspace-events", "KEA");
        redis.configSet("maxmemory-policy", "allkeys-lru");
        redis.sendCommand(Protocol.Command.ACL, "SETUSER", "watcher", "on", ">watcher-password-long", "~*", "&*", "+@all");
        try {
            assertFails(auditor.run("test"), "keyspace-notifications", "eviction-policy", "monitor-access",
                    "keyspace-event-access");
        } finally {
            redis.configSet("notify-keyspace-events", "");
            redis.configSet("maxmemory-policy", "noeviction");
            redis.sendCommand(Protocol.Command.ACL, "DELUSER", "watcher");
        }
    }

    @Test
    @Order(9)
    void aLogLineNamingSomeoneIsCaught() throws IOException {
        Path log = logs.resolve("signpost.log");
        Files.writeString(log, "2026-11-30 INFO turn from 29:1AbCdEfGhIjK in a:leaked-conversation-9\n",
                StandardOpenOption.APPEND);
        assertFails(auditor.run("test"), "logs-hold-nothing-personal");
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.removeIf(line -> line.contains("leaked-conversation-9"));
        Files.write(log, lines);
    }

    @Test
    @Order(10)
    void theCommandExitsNonZeroOnALeakAndZeroOnceTheDataFolderIsRewritten() throws Exception {
        Path out = TestRedis.tempFolder("signpost-audit-out");
        String dataFolder = "--signpost.redis.data-folder=" + trial.data();
        String live = "--signpost.redis.url=redis://:" + config("requirepass") + "@127.0.0.1:" + config("port");

        // the earlier leaks are still in the append-only file: the command, reading the data folder, says so
        Command before = command(dataFolder, "--out=" + out);
        assertThat(before.exit()).isEqualTo(AuditCommand.FAILED);
        assertThat(before.output()).contains("disk-key-shapes");

        redis.sendCommand(Protocol.Command.BGREWRITEAOF);
        TestRedis.awaitAppendOnlyRewrite(redis);
        Command clean = command(dataFolder, "--out=" + out);
        assertThat(clean.exit()).as(clean.output()).isEqualTo(AuditCommand.PASSED);
        // the people's own ids, not the bare "29:" prefix: the report's time of day can read "01:29:39"
        assertThat(clean.output()).doesNotContain("29:audit-user", "29:1AbCdEfGhIjK", "0f8fad5b-d9cb",
                "Audit Person", "stigma-awareness:");
        try (Stream<Path> written = Files.list(out)) {
            List<Path> files = written.sorted().toList();
            Path json = files.stream().filter(file -> file.toString().endsWith(".json")).reduce((a, b) -> b).orElseThrow();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(json)));
            assertThat(clean.output()).contains(sha);
        }

        // as an operator of an external Redis: the live store, recorded in the audit log
        String key = "signpost:progress:{trial}:" + HEX;
        redis.set(key, "{\"stigma-awareness\":\"agree\"}", SetParams.setParams().px(60_000));
        try {
            Command leak = command(live, "--signpost.audit.data-folder=" + trial.data());
            assertThat(leak.exit()).isEqualTo(AuditCommand.FAILED);
            assertThat(leak.output()).contains("sealed-records").doesNotContain("stigma-awareness\":");
            String sha = leak.output().replaceAll("(?s).*SHA-256 of the JSON report: ([0-9a-f]{64}).*", "$1");
            assertThat(redis.zrange("signpost:hr:{audit}:log", 0, -1))
                    .anyMatch(entry -> entry.contains("operator (audit command)") && entry.contains(sha));
        } finally {
            redis.del(key);
        }
        assertThat(command("--signpost.redis.url=redis://:wrong@127.0.0.1:" + config("port")).exit())
                .isEqualTo(AuditCommand.COULD_NOT_RUN);
    }

    @Test
    void theCommandRunsWhereTheBotStartsWithSpringsAheadOfTimeDefinitions() {
        // as `java @bot/target/signpost/signpost.args -jar ...` and the image set it; those definitions are the bot's, not the audit's
        System.setProperty("spring.aot.enabled", "true");
        try {
            Command run = command("--signpost.redis.url=redis://:" + config("requirepass") + "@127.0.0.1:" + config("port"));
            assertThat(run.exit()).as(run.output()).isNotEqualTo(AuditCommand.COULD_NOT_RUN);
            assertThat(run.output()).contains("lifetimes");
        } finally {
            System.clearProperty("spring.aot.enabled");
        }
    }

    record Command(int exit, String output) {
    }

    private static Command command(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = AuditCommand.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Command(exit, output.toString(StandardCharsets.UTF_8));
    }

    private String config(String name) {
        return redis.configGet(name).get(name);
    }

    private static void assertFails(AuditReport report, String... rules) {
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        Function<String, Verdict> verdict = rule -> report.findings().stream().filter(f -> f.rule().equals(rule))
                .findFirst().orElseThrow().verdict();
        for (String rule : rules) {
            assertThat(verdict.apply(rule)).as(rule).isEqualTo(Verdict.FAIL);
        }
        assertThat(report.text()).contains("A PROMISE IS BROKEN");
        // the report names rules and counts, never a key or a value
        assertThat(new String(report.json(), StandardCharsets.UTF_8) + report.text())
                .doesNotContain("leaked-conversation", "jo.bloggs", "1AbCdEfGhIjK", "closed-2025", "session-1", HEX);
    }

    private static long count(AuditReport report, String rule, String name) {
        return report.findings().stream().filter(finding -> finding.rule().equals(rule)).findFirst().orElseThrow()
                .counts().get(name);
    }

    /** Bytes in the seal's format that do not read as text, as a sealed record looks to anyone without the keys. */
    private static byte[] sealedLooking(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        bytes[0] = 1;
        return bytes;
    }
}
