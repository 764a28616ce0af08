package org.signpost.bot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.RedisProcesses;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.bot.redis.RedisUrl;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The audit on Redis Cluster: three masters with a replica each (Debian's redis-server on loopback), the
 * bot connected as its ACL user. After a survey over real HTTP, the audit reads the keys of every master
 * and the settings of every server, and every rule holds; a leak on one master, or a setting on one server,
 * fails the rule that covers it, and the report says how many servers, never which.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAuditIntegrationTests {

    static final String ROUND = "trial";
    static final String ADMIN_URL = "redis://:" + RedisProcesses.ADMIN_PASSWORD + "@127.0.0.1:";
    static final Path folder = TestRedis.tempFolder("signpost-cluster-audit");
    static final FakeConnector connector = new FakeConnector();
    static RedisProcesses redis;
    static List<Server> nodes;
    static String url;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = new RedisProcesses(folder);
        nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(redis.clusterNode("node-" + i));
        }
        redis.createCluster(nodes, 1);
        // as the README asks of production: nobody but the app may watch commands or subscribe to notifications,
        // the administrator included (on a cluster, each node has its own users)
        for (Server node : nodes) {
            try (UnifiedJedis admin = node.admin()) {
                admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "-monitor", "-subscribe", "-psubscribe",
                        "-ssubscribe");
            }
        }
        url = "redis-cluster://" + RedisProcesses.BOT_USER + ":" + RedisProcesses.BOT_PASSWORD + "@127.0.0.1:"
                + nodes.get(0).port();
        registry.add("signpost.redis.url", () -> url);
        registry.add("signpost.redis.data-folder", () -> folder.resolve("app").toString());
        TestKeys.register(registry);
    }

    @AfterAll
    static void stop() {
        connector.close();
        if (redis != null) {
            redis.close();
        }
    }

    @LocalServerPort
    int port;

    /** The app's own auditor, as the auditor's page runs it: the app's ACL user, which may not read CONFIG or ACL. */
    @Autowired
    Auditor auditor;

    @Autowired
    RedisSettings redisSettings;

    @Autowired
    SurveyPromises survey;

    @Autowired
    AuditSettings auditSettings;

    @Autowired
    Environment environment;

    @Test
    @Order(1)
    void afterAScriptedSurveyEveryRuleHoldsOnEveryNode() {
        Endpoint endpoint = new Endpoint(port);
        Random random = new Random(15);
        for (int person = 0; person < 6; person++) {
            Activities teams = new Activities(connector.serviceUrl(), "29:cluster-audit-" + person,
                    "Cluster Person " + person, "0f8fad5b-d9cb-469f-a165-70867728951" + person);
            SurveyRespondent respondent = new SurveyRespondent(endpoint, teams, "a:cluster-audit-" + person);
            if (person < 5) {
                respondent.answer(ROUND, SurveyTally.SURVEY, SurveyTally.randomAnswers(random));
            } else {
                respondent.prepare(ROUND, SurveyTally.SURVEY, SurveyTally.randomAnswers(random));
            }
        }
        long mastersWithKeys = masters().stream().filter(node -> {
            try (UnifiedJedis admin = node.admin()) {
                return admin.dbSize() > 0;
            }
        }).count();
        assertThat(mastersWithKeys).as("the keys are spread over the masters").isGreaterThan(1);

        long keys = keysOnMasters();
        AuditReport app = auditor.run("test");
        assertThat(app.findings()).noneSatisfy(finding ->
                assertThat(finding.verdict()).as(finding.rule() + " " + finding.counts()).isIn(Verdict.FAIL, Verdict.WARN));
        assertThat(count(app, "known-keyspaces", "keys") + count(app, "known-keyspaces", "keysInNoKnownKeyspace")
                + count(app, "known-keyspaces", "otherApplicationsKeys")).as("every key of every master").isEqualTo(keys);
        assertThat(app.keyspaces()).containsEntry("progress", 1L).containsEntry("resp", 1L).containsEntry("unknown", 0L);
        assertThat(verdict(app, "eviction-policy")).as("INFO is the app's to read, on every node").isEqualTo(Verdict.PASS);
        assertThat(count(app, "eviction-policy", "servers")).isEqualTo(6);
        assertThat(verdict(app, "monitor-access")).as("the app's user may not list ACL users").isEqualTo(Verdict.NOT_CHECKED);

        AuditReport admin = adminAudit();
        assertThat(admin.findings()).noneSatisfy(finding ->
                assertThat(finding.verdict()).as(finding.rule() + " " + finding.counts()).isIn(Verdict.FAIL, Verdict.WARN));
        for (String rule : List.of("servers-read", "eviction-policy", "keyspace-notifications", "monitor-access",
                "keyspace-event-access", "no-identifiers", "sealed-records", "counter-hashes-alike")) {
            assertThat(verdict(admin, rule)).as(rule).isEqualTo(Verdict.PASS);
        }
        assertThat(count(admin, "servers-read", "mastersScanned")).isEqualTo(3);
        assertThat(count(admin, "servers-read", "replicasRead")).isEqualTo(3);
        assertThat(count(admin, "servers-read", "replicasNotRead")).isZero();
        assertThat(count(admin, "monitor-access", "servers")).isEqualTo(6);
        assertNoAddresses(admin);
    }

    @Test
    @Order(2)
    void anIdInASurveyKeyOnTheSecondMasterIsCaught() {
        Server second = masters().get(1);
        String key = keyOn(second, tag -> "signpost:progress:{" + tag + "}:msteams/a:leaked-conversation-1");
        try (UnifiedJedis cluster = adminCluster()) {
            cluster.set(key.getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                    SetParams.setParams().px(60_000));
            try {
                AuditReport report = auditor.run("test");
                assertFails(report, "key-shapes", "no-identifiers");
                assertThat(new String(report.json(), StandardCharsets.UTF_8) + report.text())
                        .doesNotContain("leaked-conversation");
            } finally {
                cluster.del(key);
            }
        }
    }

    @Test
    @Order(3)
    void aSettingOnOneServerIsCaught() {
        // notifications and a watcher on one master, eviction on one replica: each node has its own settings
        Server master = masters().get(2);
        Server replica = replicas().get(0);
        try (UnifiedJedis onMaster = master.admin(); UnifiedJedis onReplica = replica.admin()) {
            onMaster.configSet("notify-keyspace-events", "KEA");
            onReplica.configSet("maxmemory-policy", "allkeys-lru");
            onMaster.sendCommand(Protocol.Command.ACL, "SETUSER", "watcher", "on", ">watcher-password-long", "~*", "&*",
                    "+@all");
            try {
                AuditReport report = adminAudit();
                assertFails(report, "keyspace-notifications", "eviction-policy", "monitor-access", "keyspace-event-access");
                assertThat(count(report, "keyspace-notifications", "serversWithNotificationsOn")).isEqualTo(1);
                assertThat(count(report, "eviction-policy", "serversThatMayEvict")).isEqualTo(1);
                assertThat(count(report, "monitor-access", "otherUsersWhoMayMonitor")).isEqualTo(1);
                assertNoAddresses(report);
            } finally {
                onMaster.configSet("notify-keyspace-events", "");
                onReplica.configSet("maxmemory-policy", "noeviction");
                onMaster.sendCommand(Protocol.Command.ACL, "DELUSER", "watcher");
            }
        }
        assertThat(adminAudit().verdict()).isNotEqualTo(Verdict.FAIL);
    }

    @Test
    @Order(4)
    void theCommandReadsEveryNodeWithTheOperatorsUser() {
        String operator = "--signpost.redis.url=redis-cluster://:" + RedisProcesses.ADMIN_PASSWORD + "@127.0.0.1:"
                + nodes.get(0).port();
        Command clean = command(operator);
        assertThat(clean.exit()).as(clean.output()).isEqualTo(AuditCommand.PASSED);
        assertThat(clean.output()).contains("servers-read: mastersScanned 3, replicasRead 3, replicasNotRead 0");

        Server replica = replicas().get(2);
        try (UnifiedJedis onReplica = replica.admin()) {
            onReplica.configSet("notify-keyspace-events", "Kx");
            try {
                Command leak = command(operator);
                assertThat(leak.exit()).isEqualTo(AuditCommand.FAILED);
                assertThat(leak.output()).contains("keyspace-notifications: servers 6, serversWithNotificationsOn 1")
                        .doesNotContain(":" + replica.port());
            } finally {
                onReplica.configSet("notify-keyspace-events", "");
            }
        }
    }

    record Command(int exit, String output) {
    }

    private static Command command(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = AuditCommand.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Command(exit, output.toString(StandardCharsets.UTF_8));
    }

    /** The audit as an operator runs it with an administrator's user, who may read every setting. */
    private AuditReport adminAudit() {
        Auditor.Setup app = AuditConfiguration.setup(redisSettings, survey, auditSettings, environment,
                AuditConfiguration.LIVE, Optional.empty());
        Auditor.Setup setup = new Auditor.Setup(app.prefix(), app.survey(), app.conversationTtl(), app.announcementRetention(), app.source(),
                app.appUser(), app.external(), app.dataFolder(), app.logFiles(),
                node -> RedisUrl.parse(ADMIN_URL + node.getPort()).connect());
        try (UnifiedJedis admin = adminCluster()) {
            return new Auditor(admin, setup, ContentFolder.shipped(),
                    new Messages(ContentFolder.shipped()).wording("en-GB"), Clock.systemUTC(), (who, report) -> {
                    }).run("test");
        }
    }

    private static UnifiedJedis adminCluster() {
        return RedisUrl.parse("redis-cluster://:" + RedisProcesses.ADMIN_PASSWORD + "@127.0.0.1:" + nodes.get(0).port())
                .connect();
    }

    private static List<Server> masters() {
        return nodes.stream().filter(ClusterAuditIntegrationTests::master).toList();
    }

    private static List<Server> replicas() {
        return nodes.stream().filter(node -> !master(node)).toList();
    }

    private static boolean master(Server node) {
        try (UnifiedJedis admin = node.admin()) {
            return admin.info("replication").contains("role:master");
        }
    }

    private static long keysOnMasters() {
        long keys = 0;
        for (Server node : masters()) {
            try (UnifiedJedis admin = node.admin()) {
                keys += admin.dbSize();
            }
        }
        return keys;
    }

    /** A key, named with the first hash tag whose slot that master serves. */
    private static String keyOn(Server master, Function<String, String> name) {
        try (UnifiedJedis admin = master.admin()) {
            for (int tag = 0; tag < 1000; tag++) {
                String key = name.apply("leak-" + tag);
                long slot = (Long) admin.sendCommand(Protocol.Command.CLUSTER, "KEYSLOT", key);
                if (ownsSlot(admin, slot)) {
                    return key;
                }
            }
        }
        throw new AssertionError("No hash tag lands on that master");
    }

    private static boolean ownsSlot(UnifiedJedis admin, long slot) {
        String myId = RedisProcesses.text(admin.sendCommand(Protocol.Command.CLUSTER, "MYID"));
        for (Object shard : (List<?>) admin.sendCommand(Protocol.Command.CLUSTER, "SLOTS")) {
            List<?> range = (List<?>) shard;
            List<?> primary = (List<?>) range.get(2);
            if ((Long) range.get(0) <= slot && slot <= (Long) range.get(1)
                    && RedisProcesses.text(primary.get(2)).equals(myId)) {
                return true;
            }
        }
        return false;
    }

    private static void assertFails(AuditReport report, String... rules) {
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        for (String rule : rules) {
            assertThat(verdict(report, rule)).as(rule).isEqualTo(Verdict.FAIL);
        }
        assertThat(report.text()).contains("A PROMISE IS BROKEN");
    }

    /** The report counts servers; it never names one. */
    private static void assertNoAddresses(AuditReport report) {
        String all = new String(report.json(), StandardCharsets.UTF_8) + report.text();
        assertThat(all).doesNotContain("127.0.0.1");
        for (Server node : nodes) {
            assertThat(all).doesNotContain(":" + node.port());
        }
    }

    private static Verdict verdict(AuditReport report, String rule) {
        return report.findings().stream().filter(finding -> finding.rule().equals(rule)).findFirst().orElseThrow()
                .verdict();
    }

    private static long count(AuditReport report, String rule, String name) {
        Long count = report.findings().stream().filter(finding -> finding.rule().equals(rule)).findFirst().orElseThrow()
                .counts().get(name);
        assertThat(count).as(rule + " " + name).isNotNull();
        return count;
    }
}
