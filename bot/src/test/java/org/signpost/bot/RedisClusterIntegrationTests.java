package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.redis.RedisUrl;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.RoundRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Redis Cluster: three masters with a replica each (Debian's redis-server on loopback), the bot connected
 * through seed nodes as an ACL user. A survey runs end to end over HTTP; every submission is one script on
 * the round's slot, acknowledged once a replica has it, and the totals are exact, though slots move and every
 * connection is lost on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class RedisClusterIntegrationTests {

    static final String ROUND = "trial";
    static final int RESPONDENTS = 30;
    static final Path folder = TestRedis.tempFolder("signpost-cluster");
    static final FakeConnector connector = new FakeConnector();
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
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
        // two seeds are enough: the client learns the rest of the cluster from them
        url = "redis-cluster://" + RedisProcesses.BOT_USER + ":" + RedisProcesses.BOT_PASSWORD + "@127.0.0.1:"
                + nodes.get(0).port() + ",127.0.0.1:" + nodes.get(1).port();
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

    @Test
    void aSurveyRunsEndToEndOnAClusterWithExactTotals() {
        Random random = new Random(13);
        SurveyTally tally = new SurveyTally();
        for (int i = 0; i < RESPONDENTS; i++) {
            String conversation = "a:cluster-" + i;
            if (i == RESPONDENTS / 3) {
                // resharding while the bot runs: its cached slot map is stale for the rounds' slot (every turn's
                // pipeline reads the open round), so that call is answered MOVED and made where the slot is now
                moveSlot("signpost:hr:{rounds}:open");
            }
            if (i == 2 * RESPONDENTS / 3) {
                // every connection the bot has is lost; the next turn's pipeline meets them first
                killBotConnections();
            }
            Map<String, String> answers = SurveyTally.randomAnswers(random);
            new SurveyRespondent(new Endpoint(port), new Activities(connector.serviceUrl(), "29:cluster-" + i,
                    "Person " + i, "aad-cluster-" + i), conversation).answer(ROUND, SurveyTally.SURVEY, answers);
            tally.add(answers);
            // first contact: support signposting opens every conversation (DESIGN §1)
            assertThat(connector.sentTo(conversation).get(0).cardText()).as("first reply to " + conversation)
                    .contains(WORDING.text("support.intro"));
            // "counted" only once a replica had it (WAIT 1 is the default with a cluster)
            assertThat(connector.sentTo(conversation).stream().map(FakeConnector.Sent::text))
                    .contains(WORDING.text("survey.receipt", Map.of("count", Integer.toString(answers.size()))));
        }

        try (UnifiedJedis cluster = RedisUrl.parse(url).connect()) {
            tally.assertTotals(cluster, "signpost:", ROUND);
        }
        // the cluster really is in use: conversations are spread over the masters, each round on one slot
        long mastersWithKeys = nodes.stream().filter(node -> {
            try (UnifiedJedis admin = node.admin()) {
                return admin.info("replication").contains("role:master") && admin.dbSize() > 0;
            }
        }).count();
        assertThat(mastersWithKeys).isGreaterThan(1);

        // the append-only file is rewritten where the round's submissions are: on the master of its slot
        try (UnifiedJedis cluster = RedisUrl.parse(url).connect()) {
            long roundSlot = (Long) cluster.sendCommand("signpost:agg:{trial}:meta", Protocol.Command.CLUSTER,
                    "KEYSLOT", "signpost:agg:{trial}:meta");
            for (Server node : nodes) {
                try (UnifiedJedis admin = node.admin()) {
                    if (!admin.info("replication").contains("role:master")) {
                        continue;
                    }
                    RedisProcesses.await(() -> admin.info("persistence").contains("aof_rewrite_in_progress:0"),
                            "the rewrite to finish");
                    if (ownsSlot(admin, roundSlot)) {
                        assertThat(admin.info("persistence")).as("the round's master").doesNotContain("aof_rewrites:0");
                    } else {
                        assertThat(admin.info("persistence")).as("another master").contains("aof_rewrites:0");
                    }
                }
            }
        }

        // someone part way through when the round closes: their answers go with it, found on the round's slot
        Activities late = new Activities(connector.serviceUrl(), "29:cluster-late", "Late", "aad-cluster-late");
        new Endpoint(port).post(late.message("a:cluster-late", "take the survey"));
        new Endpoint(port).post(late.button("a:cluster-late", SurveyRespondent.step(ROUND, "start")));
        assertThat(progressKeys()).hasSize(1);
        assertThat(rounds.close(ROUND).done()).isTrue();
        assertThat(progressKeys()).isEmpty();
    }

    @Autowired
    RoundRegistry rounds;

    /** The round's answers in progress, on every master. */
    private static List<String> progressKeys() {
        List<String> found = new ArrayList<>();
        for (Server node : nodes) {
            try (UnifiedJedis admin = node.admin()) {
                if (admin.info("replication").contains("role:master")) {
                    found.addAll(admin.keys("signpost:progress:{" + ROUND + "}:*"));
                }
            }
        }
        return found;
    }

    /** The standard resharding steps: the key's slot given to another master, its keys migrated. */
    private static void moveSlot(String key) {
        String slot = Integer.toString(JedisClusterCRC16.getSlot(key));
        List<Server> masters = nodes.stream().filter(node -> {
            try (UnifiedJedis admin = node.admin()) {
                return admin.info("replication").contains("role:master");
            }
        }).toList();
        Server from = masters.stream().filter(node -> {
            try (UnifiedJedis admin = node.admin()) {
                return ownsSlot(admin, Long.parseLong(slot));
            }
        }).findFirst().orElseThrow();
        Server to = masters.stream().filter(node -> node != from).findFirst().orElseThrow();
        try (UnifiedJedis source = from.admin(); UnifiedJedis target = to.admin()) {
            String fromId = RedisProcesses.text(source.sendCommand(Protocol.Command.CLUSTER, "MYID"));
            String toId = RedisProcesses.text(target.sendCommand(Protocol.Command.CLUSTER, "MYID"));
            target.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", slot, "IMPORTING", fromId);
            source.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", slot, "MIGRATING", toId);
            for (Object name : (List<?>) source.sendCommand(Protocol.Command.CLUSTER, "GETKEYSINSLOT", slot, "1000")) {
                source.sendCommand(Protocol.Command.MIGRATE, "127.0.0.1", Integer.toString(to.port()),
                        RedisProcesses.text(name), "0", "5000", "AUTH", RedisProcesses.ADMIN_PASSWORD);
            }
            for (Server master : masters) {
                try (UnifiedJedis admin = master.admin()) {
                    admin.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", slot, "NODE", toId);
                }
            }
            RedisProcesses.await(() -> ownsSlot(target, Long.parseLong(slot)), "the slot to move");
        }
    }

    private static void killBotConnections() {
        for (Server node : nodes) {
            try (UnifiedJedis admin = node.admin()) {
                admin.sendCommand(Protocol.Command.CLIENT, "KILL", "USER", RedisProcesses.BOT_USER);
            }
        }
    }

    private static boolean ownsSlot(UnifiedJedis admin, long slot) {
        Object shards = admin.sendCommand(Protocol.Command.CLUSTER, "SLOTS");
        String myId = RedisProcesses.text(admin.sendCommand(Protocol.Command.CLUSTER, "MYID"));
        for (Object shard : (List<?>) shards) {
            List<?> range = (List<?>) shard;
            List<?> primary = (List<?>) range.get(2);
            if ((Long) range.get(0) <= slot && slot <= (Long) range.get(1)
                    && RedisProcesses.text(primary.get(2)).equals(myId)) {
                return true;
            }
        }
        return false;
    }
}
