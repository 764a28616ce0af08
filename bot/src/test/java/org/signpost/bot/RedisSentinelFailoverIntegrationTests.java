package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.redis.RedisUrl;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis Sentinel: a master with two replicas and three sentinels (Debian's redis-server on loopback). While
 * people are submitting, the master is killed; the sentinels promote a replica, the bot follows by itself,
 * and people who are told "may not have been saved" try again. Every submission the bot acknowledged is in
 * the totals, exactly once, and later respondents carry on as normal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class RedisSentinelFailoverIntegrationTests {

    static final String ROUND = "trial";
    static final String MASTER_NAME = "signpost";
    static final int BEFORE_FAILOVER = 24;
    static final int AFTER_FAILOVER = 6;
    static final Path folder = TestRedis.tempFolder("signpost-sentinel");
    static final FakeConnector connector = new FakeConnector();
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static RedisProcesses redis;
    static Server master;
    static final List<Server> sentinels = new ArrayList<>();
    static String url;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = new RedisProcesses(folder);
        master = redis.redis("master");
        for (int i = 1; i <= 2; i++) {
            redis.redis("replica-" + i, "replicaof 127.0.0.1 " + master.port());
        }
        try (UnifiedJedis admin = master.admin()) {
            RedisProcesses.await(() -> admin.info("replication").contains("connected_slaves:2"), "two replicas");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Server sentinel = redis.sentinel("sentinel-" + i, MASTER_NAME, master);
            sentinels.add(sentinel);
            addresses.add("127.0.0.1:" + sentinel.port());
        }
        url = "redis-sentinel://" + RedisProcesses.BOT_USER + ":" + RedisProcesses.BOT_PASSWORD + "@"
                + String.join(",", addresses) + "/" + MASTER_NAME;
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

    enum Result { ACKNOWLEDGED, EXPIRED }

    record Person(String conversation, SurveyRespondent respondent, Map<String, String> answers) {
    }

    @Test
    void theMasterDiesMidLoadAReplicaTakesOverAndNoAcknowledgedSubmissionIsLost() throws Exception {
        awaitSentinelsAgree();
        Random random = new Random(31);
        List<Person> first = new ArrayList<>();
        for (int i = 0; i < BEFORE_FAILOVER; i++) {
            Person person = person("before-" + i, random);
            person.respondent().prepare(ROUND, SurveyTally.SURVEY, person.answers());
            first.add(person);
        }

        SurveyTally tally = new SurveyTally();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Result>> results = new ArrayList<>();
        // the master dies from the thread that counts the third of them, so the rest are still to be submitted
        Runnable killTheMasterOnce = onceAt(acknowledged, BEFORE_FAILOVER / 3, master::kill);
        for (Person person : first) {
            results.add(pool.submit(() -> submitUntilAnswered(person, tally, acknowledged, retries,
                    killTheMasterOnce)));
        }
        for (Future<Result> result : results) {
            assertThat(result.get(120, TimeUnit.SECONDS)).as("answers held since before the failover")
                    .isEqualTo(Result.ACKNOWLEDGED);
        }
        pool.shutdown();
        assertThat(master.alive()).as("the master was killed mid-load").isFalse();
        assertThat(retries.get()).as("submissions answered 'try again' while no master was there").isPositive();

        // every sentinel, not only the first a new client asks, must name the promoted replica: a client that
        // starts while one of them still names the dead master would be sent there
        awaitSentinelsNameOneMasterOtherThan(master.port());
        for (int i = 0; i < AFTER_FAILOVER; i++) {
            Person person = person("after-" + i, random);
            person.respondent().prepare(ROUND, SurveyTally.SURVEY, person.answers());
            assertThat(submitUntilAnswered(person, tally, acknowledged, retries, () -> { }))
                    .isEqualTo(Result.ACKNOWLEDGED);
        }

        System.out.printf("Sentinel failover: %d acknowledged, %d retries after an unsure or failed answer%n",
                acknowledged.get(), retries.get());
        assertThat(tally.responses()).isEqualTo(BEFORE_FAILOVER + AFTER_FAILOVER);
        try (UnifiedJedis sentinel = RedisUrl.parse(url).connect()) {
            tally.assertTotals(sentinel, "signpost:", ROUND);
        }
    }

    private Person person(String name, Random random) {
        String conversation = "a:sentinel-" + name;
        Activities activities = new Activities(connector.serviceUrl(), "29:" + name, "Person " + name, "aad-" + name);
        return new Person(conversation, new SurveyRespondent(new Endpoint(port), activities, conversation),
                SurveyTally.randomAnswers(random));
    }

    /** As a person would: submit, and on "may not have been saved" (or any failure) try again shortly. */
    private Result submitUntilAnswered(Person person, SurveyTally tally, AtomicInteger acknowledged,
            AtomicInteger retries, Runnable afterAcknowledged) throws InterruptedException {
        String receipt = WORDING.text("survey.receipt", Map.of("count", Integer.toString(person.answers().size())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            int before = connector.sentTo(person.conversation()).size();
            person.respondent().submit(ROUND);
            List<FakeConnector.Sent> replies = connector.sentTo(person.conversation());
            List<String> texts = replies.subList(before, replies.size()).stream().map(FakeConnector.Sent::text).toList();
            if (texts.contains(receipt) || texts.contains(WORDING.text("survey.alreadyCounted"))) {
                tally.add(person.answers());
                acknowledged.incrementAndGet();
                afterAcknowledged.run();
                return Result.ACKNOWLEDGED;
            }
            if (texts.contains(WORDING.text("survey.expired"))) {
                return Result.EXPIRED;
            }
            retries.incrementAndGet();
            Thread.sleep(250);
        }
        throw new AssertionError("No answer but 'try again' for 90 seconds");
    }

    private static Runnable onceAt(AtomicInteger count, int target, Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (count.get() >= target && done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** Each sentinel must know the other two and both replicas before they can agree on a failover. */
    private static void awaitSentinelsAgree() {
        for (Server sentinel : sentinels) {
            try (UnifiedJedis client = RedisClient.create(sentinel.address())) {
                RedisProcesses.await(() -> ((List<?>) client.sendCommand(Protocol.Command.SENTINEL, "SENTINELS",
                        MASTER_NAME)).size() == 2 && ((List<?>) client.sendCommand(Protocol.Command.SENTINEL,
                        "REPLICAS", MASTER_NAME)).size() == 2, "the sentinels to know each other and the replicas");
            }
        }
    }

    private static void awaitSentinelsNameOneMasterOtherThan(int deadMaster) {
        RedisProcesses.await(() -> {
            Set<Integer> named = new HashSet<>();
            for (Server sentinel : sentinels) {
                try (UnifiedJedis client = RedisClient.create(sentinel.address())) {
                    List<?> address = (List<?>) client.sendCommand(Protocol.Command.SENTINEL,
                            "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                    named.add(Integer.parseInt(RedisProcesses.text(address.get(1))));
                }
            }
            return named.size() == 1 && !named.contains(deadMaster);
        }, "every sentinel to name the same promoted replica");
    }
}
