package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.SignpostApplication;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two application instances on one Redis reach a team far larger than one lease lasts: its new members'
 * chats are opened slowly (each takes a while at the connector), and the lease is short, so the pass
 * outlasts the lease many times over. The instance holding the pass keeps it (the other tries every poll
 * and never gets it) until one of its calls hangs past the lease, as a dead instance's would: the other
 * takes the pass over at the page reached; later the instance then holding it is stopped halfway, and
 * the other resumes at its page in turn. Each member's chat is opened exactly once (but for the hung
 * call, which Teams answers with the same chat), the roster's first page is read once, nobody is lost,
 * and each person gets the announcement once (or is counted unknown, in flight as the instance stopped).
 */
class TeamRosterInstancesIntegrationTests {

    static final int MEMBERS = 150;
    static final String TEAM = "19:team-canary-instances@thread.tacv2";
    static final String TENANT = "tenant-1";
    /** The member whose chat the first instance to open it hangs on, past its lease. */
    static final String HUNG = "29:member-15";
    static final String HEADING = new Messages(ContentFolder.shipped()).wording("en-GB")
            .text("announcement.template.time-to-talk-day.heading");

    @TempDir
    static Path folder;
    static EmbeddedRedis server;
    static final TeamConnector connector = new TeamConnector(TEAM, TeamConnector.members(MEMBERS), Set.of());
    static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = EmbeddedRedis.start(folder.resolve("redis"));
        instances.add(instance());
        instances.add(instance());
    }

    @AfterAll
    static void stop() {
        instances.stream().filter(ConfigurableApplicationContext::isActive).forEach(ConfigurableApplicationContext::close);
        connector.close();
        server.close();
    }

    @Test
    void aLongPassIsHeldByOneInstanceAndResumedByTheOtherWhenItStops() throws Exception {
        connector.slowCreates(Duration.ofMillis(30));
        connector.holdCreate(HUNG);
        Endpoint first = endpoint(instances.get(0));
        Activities ambassador = new Activities(connector.serviceUrl(), "29:ambassador-1", "Roster Canary Ambassador",
                "aad-ambassador-1");
        assertThat(first.post(ambassador.installationUpdate("a:ambassador-1", "add")).statusCode()).isEqualTo(200);
        assertThat(first.post(botAddedToTeam()).statusCode()).isEqualTo(200);
        announce(first, ambassador);

        try (UnifiedJedis redis = TestRedis.client(server)) {
            String job = "signpost:bcast:{" + BroadcastKeys.tag(TENANT) + "}:roster";
            // the instance holding the pass hangs on a call: once its lease has run out, the other takes the
            // pass over at the page it had reached (that page is read again), then the hung call returns
            await("the other instance takes the pass over", () -> connector.calls("roster").stream()
                    .filter(call -> call.body().path("token").asText().equals("next-10")).count() == 2);
            String takenOverBy = redis.hget(job, "owner");
            connector.releaseCreate();
            await("half the chats are opened", () -> connector.calls("create").size() >= MEMBERS / 2);
            String holder = redis.hget(job, "owner");
            ConfigurableApplicationContext stopping = instances.stream()
                    .filter(context -> context.getBean(BroadcastDelivery.class).owner().equals(holder))
                    .findFirst().orElseThrow();
            ConfigurableApplicationContext survivor = instances.get(1 - instances.indexOf(stopping));
            // while it stops, the chats it has still to open take 75 x 300 ms, not 75 x 30 ms: a slow stop on a
            // loaded machine leaves it mid-pass all the same (each call stays far inside the 2 s lease)
            connector.slowCreates(Duration.ofMillis(300));
            stopping.close();
            int createsAtStop = connector.calls("create").size();
            connector.slowCreates(Duration.ofMillis(30));

            RedisDeliveryQueue queue = survivor.getBean(RedisDeliveryQueue.class);
            await("the announcement is sent", () -> queue.broadcastIds().size() == 1 && queue.progress(
                    queue.broadcastIds().get(0)).map(p -> p.state() == BroadcastState.DONE).orElse(false));
            Progress progress = queue.progress(queue.broadcastIds().get(0)).orElseThrow();
            System.out.printf("Roster across instances: %d chats opened before the stop, %s%n", createsAtStop, progress);

            assertThat(createsAtStop).as("stopped mid-pass").isLessThan(MEMBERS);
            Map<String, Long> creates = connector.calls("create").stream()
                    .collect(Collectors.groupingBy(TeamConnector.Call::target, Collectors.counting()));
            assertThat(holder).as("the instance that hung did not take the pass back").isEqualTo(takenOverBy);
            assertThat(creates).as("every member's chat opened exactly once, but the hung call's").hasSize(MEMBERS)
                    .allSatisfy((member, times) -> assertThat(times).as(member).isEqualTo(member.equals(HUNG) ? 2 : 1));
            Map<String, Long> pages = connector.calls("roster").stream()
                    .collect(Collectors.groupingBy(call -> call.body().path("token").asText(), Collectors.counting()));
            assertThat(pages).as("every page read, the first once, none but those taken over twice")
                    .hasSize(MEMBERS / 10).containsEntry("", 1L).containsEntry("next-10", 2L);
            assertThat(pages.values().stream().filter(times -> times > 1).toList()).hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(times -> assertThat(times).isEqualTo(2));
            assertThat(redis.exists(job)).as("the pass is over").isFalse();

            // nobody lost: the ambassador and every member were queued, each got it once or is counted unknown
            assertThat(progress.recipients()).isEqualTo(MEMBERS + 1);
            assertThat(progress.delivered() + progress.unknown()).isEqualTo(MEMBERS + 1);
            long without = 0;
            for (int n = 1; n <= MEMBERS; n++) {
                long got = announcements("a:opened-member-" + n);
                assertThat(got).as("member %d got it at most once", n).isLessThanOrEqualTo(1);
                without += 1 - got;
            }
            // the ambassador also saw the preview
            assertThat(announcements("a:ambassador-1")).isBetween(1L, 2L);
            assertThat(without).isLessThanOrEqualTo(progress.unknown());

            // nothing of the roster is kept: names, e-mail addresses, ids; nor the team's continuation token
            List<String> canaries = List.of("Roster Canary", "roster-canary", "member-", "team-canary", "next-");
            for (String key : redis.keys("*")) {
                assertThat(key).doesNotContain(canaries);
                String value = switch (redis.type(key)) {
                    case "string" -> new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
                    case "hash" -> redis.hgetAll(key).toString();
                    case "set" -> redis.smembers(key).toString();
                    case "zset" -> redis.zrange(key, 0, -1).toString();
                    default -> "";
                };
                assertThat(value).as(key).doesNotContain(canaries);
            }
        }
    }

    private static long announcements(String chat) {
        return connector.messagesTo(chat).stream().filter(message -> message.toString().contains(HEADING)).count();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Endpoint endpoint(ConfigurableApplicationContext context) {
        return new Endpoint(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** What Teams sends when the bot is added to a team: a conversation update in its General channel. */
    private static ObjectNode botAddedToTeam() {
        ObjectNode activity = JsonNodeFactory.instance.objectNode();
        activity.put("type", "conversationUpdate");
        activity.put("id", "activity-" + UUID.randomUUID());
        activity.put("channelId", "msteams");
        activity.put("serviceUrl", connector.serviceUrl());
        activity.putObject("from").put("id", "29:member-1").put("aadObjectId", "aad-member-1");
        activity.putObject("recipient").put("id", Activities.BOT_ID).put("name", "Signpost");
        activity.putObject("conversation").put("id", TEAM).put("conversationType", "channel").put("isGroup", true)
                .put("tenantId", TENANT);
        ObjectNode channelData = activity.putObject("channelData");
        channelData.putObject("tenant").put("id", TENANT);
        channelData.putObject("team").put("id", TEAM).put("name", "Roster Canary Team");
        channelData.put("eventType", "teamMemberAdded");
        activity.putArray("membersAdded").addObject().put("id", Activities.BOT_ID);
        return activity;
    }

    private static void announce(Endpoint endpoint, Activities ambassador) {
        AmbassadorClicks.timeToTalkDayToEveryone(endpoint, ambassador, "a:ambassador-1");
    }


    /** An instance as deployed, on the shared Redis: a short lease, team rosters read ten members a page. */
    private static ConfigurableApplicationContext instance() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--signpost.redis.url=redis://:" + server.password() + "@127.0.0.1:" + server.port(),
                "--signpost.redis.data-folder=" + folder.resolve("unused"),
                "--signpost.roles.ambassador=aad-ambassador-1",
                "--signpost.broadcast.lease=2s",
                "--signpost.broadcast.idle-poll=100ms",
                "--signpost.broadcast.rate-per-second=50",
                "--signpost.broadcast.roster-page=10"));
        args.addAll(TestKeys.arguments());
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }
}
