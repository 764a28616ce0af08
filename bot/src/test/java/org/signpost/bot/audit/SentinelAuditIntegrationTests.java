package org.signpost.bot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.RedisProcesses;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.RedisUrl;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The audit on Redis Sentinel: a master with two replicas and a sentinel (Debian's redis-server on loopback).
 * The audit reads the master the sentinel names, and says it did not read the two replicas (never a pass);
 * after a failover it reads the new master, and a leak there is still caught.
 */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class SentinelAuditIntegrationTests {

    static final String MASTER_NAME = "signpost";
    static final Path folder = TestRedis.tempFolder("signpost-sentinel-audit");
    static RedisProcesses redis;
    static List<Server> data;
    static Server sentinel;

    @BeforeAll
    static void start() {
        redis = new RedisProcesses(folder);
        Server master = redis.redis("master");
        data = List.of(master, redis.redis("replica-1", "replicaof 127.0.0.1 " + master.port()),
                redis.redis("replica-2", "replicaof 127.0.0.1 " + master.port()));
        for (Server server : data) {
            try (UnifiedJedis admin = server.admin()) {
                // nobody but the app may watch commands; the sentinel (here the default user) needs pub/sub
                admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "-monitor");
            }
        }
        try (UnifiedJedis admin = master.admin()) {
            RedisProcesses.await(() -> admin.info("replication").contains("connected_slaves:2"), "two replicas");
        }
        sentinel = redis.sentinel("sentinel", MASTER_NAME, master);
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theAuditReadsTheCurrentMasterAndCountsTheReplicasItDidNotRead() {
        AuditReport empty = audit();
        assertThat(empty.findings()).noneSatisfy(finding ->
                assertThat(finding.verdict()).as(finding.rule() + " " + finding.counts()).isEqualTo(Verdict.FAIL));
        assertThat(verdict(empty, "servers-read")).isEqualTo(Verdict.NOT_CHECKED);
        assertThat(empty.findings().stream().filter(finding -> finding.rule().equals("servers-read")).findFirst()
                .orElseThrow().counts()).containsEntry("mastersScanned", 1L).containsEntry("replicasNotRead", 2L);
        assertThat(verdict(empty, "monitor-access")).isEqualTo(Verdict.PASS);

        String key = "signpost:progress:{trial}:msteams/a:leaked-conversation-1";
        try (UnifiedJedis master = sentinelClient()) {
            master.set(key.getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                    SetParams.setParams().px(120_000));
        }
        for (Server server : data) {
            try (UnifiedJedis admin = server.admin()) {
                RedisProcesses.await(() -> admin.exists(key), "every server to have the key");
            }
        }
        assertFails(audit(), "key-shapes", "no-identifiers");

        // the sentinel hands the master role to a replica; the audit follows it
        String before = masterPort();
        try (UnifiedJedis watcher = sentinelAdmin()) {
            RedisProcesses.await(() -> ((List<?>) watcher.sendCommand(Protocol.Command.SENTINEL, "REPLICAS", MASTER_NAME))
                    .size() == 2, "the sentinel to know both replicas");
            RedisProcesses.await(() -> RedisProcesses.text(watcher.sendCommand(Protocol.Command.SENTINEL, "FAILOVER",
                    MASTER_NAME)).equals("OK"), "the sentinel to start a failover");
        }
        RedisProcesses.await(() -> !masterPort().equals(before), "a replica to be promoted");
        Server promoted = data.stream().filter(server -> Integer.toString(server.port()).equals(masterPort()))
                .findFirst().orElseThrow();
        try (UnifiedJedis admin = promoted.admin()) {
            RedisProcesses.await(() -> admin.info("replication").contains("connected_slaves:2"), "two replicas again");
            admin.configSet("notify-keyspace-events", "KEA");
        }
        AuditReport after = audit();
        assertFails(after, "key-shapes", "no-identifiers", "keyspace-notifications");
        assertThat(after.findings().stream().filter(finding -> finding.rule().equals("servers-read")).findFirst()
                .orElseThrow().counts()).containsEntry("mastersScanned", 1L).containsEntry("replicasNotRead", 2L);
    }

    private static AuditReport audit() {
        Auditor.Setup setup = new Auditor.Setup("signpost:", new SurveyPromises(List.of(), 10, 10,
                Duration.ofMinutes(10), Duration.ofHours(4)), Duration.ofHours(24), Duration.ofDays(365), AuditConfiguration.LIVE,
                RedisProcesses.BOT_USER, true, Optional.empty(), List.of(), node -> {
                    throw new AssertionError("Sentinel is read through its master");
                });
        try (UnifiedJedis master = sentinelClient()) {
            return new Auditor(master, setup, ContentFolder.shipped(), new Messages(ContentFolder.shipped())
                    .wording("en-GB"), Clock.systemUTC(), (who, report) -> {
                    }).run("test");
        }
    }

    /** As an operator runs the command: an administrator's user, through the sentinel. */
    private static UnifiedJedis sentinelClient() {
        return RedisUrl.parse("redis-sentinel://:" + RedisProcesses.ADMIN_PASSWORD + "@127.0.0.1:" + sentinel.port()
                + "/" + MASTER_NAME).connect();
    }

    private static UnifiedJedis sentinelAdmin() {
        return RedisUrl.parse("redis://127.0.0.1:" + sentinel.port()).connect();
    }

    private static String masterPort() {
        try (UnifiedJedis watcher = sentinelAdmin()) {
            List<?> address = (List<?>) watcher.sendCommand(Protocol.Command.SENTINEL, "GET-MASTER-ADDR-BY-NAME",
                    MASTER_NAME);
            return RedisProcesses.text(address.get(1));
        }
    }

    private static void assertFails(AuditReport report, String... rules) {
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        for (String rule : rules) {
            assertThat(verdict(report, rule)).as(rule).isEqualTo(Verdict.FAIL);
        }
        assertThat(new String(report.json(), StandardCharsets.UTF_8) + report.text())
                .doesNotContain("leaked-conversation", "127.0.0.1");
    }

    private static Verdict verdict(AuditReport report, String rule) {
        return report.findings().stream().filter(finding -> finding.rule().equals(rule)).findFirst().orElseThrow()
                .verdict();
    }
}
