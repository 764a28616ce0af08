package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.LocalTrial;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reaching a team's members in their personal chats, in the running app (real HTTP to /api/messages, the
 * embedded Redis, a fake Teams connector on loopback): the bot is added to a team of eight whose roster
 * comes in pages of three; one member already has Signpost, one said "stop announcements", one removed
 * Signpost from their personal chat, Teams refuses a chat with one, and one said "stop announcements" and
 * then their chat's reference was lost (so only the opt-out stops the pass). An announcement to everyone opens
 * chats with exactly the others, and everyone reachable gets it exactly once; a second announcement opens
 * nothing new. The roster's names and e-mail addresses are nowhere in Redis or the logs (at TRACE).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"signpost.roles.ambassador=aad-ambassador-1", "signpost.broadcast.idle-poll=200ms",
                "signpost.broadcast.roster-page=3", "logging.level.org.signpost=TRACE", "logging.level.okhttp3=TRACE",
                "logging.level.com.microsoft.bot=TRACE"})
class TeamRosterIntegrationTests {

    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final String HEADING = WORDING.text("announcement.template.time-to-talk-day.heading");
    static final String TEAM = "19:team-canary-general@thread.tacv2";

    static final List<TeamConnector.Member> ROSTER = TeamConnector.members(8);
    static final TeamConnector connector = new TeamConnector(TEAM, ROSTER, Set.of("29:member-5"));
    static final LocalTrial trial = new LocalTrial("signpost-team-roster");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        connector.close();
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    RedisDeliveryQueue queue;

    @Autowired
    UnifiedJedis redis;

    @Test
    void anAnnouncementToEveryoneReachesTheTeamsMembersWhoMayBeReachedOnce(CapturedOutput output) throws Exception {
        Endpoint endpoint = new Endpoint(port);
        Activities ambassador = member("ambassador-1");
        Activities installed = member("member-1");
        Activities optedOut = member("member-2");
        Activities removed = member("member-6");
        for (Activities someone : List.of(ambassador, installed, optedOut, removed)) {
            assertThat(endpoint.post(someone.installationUpdate(chat(someone), "add")).statusCode()).isEqualTo(200);
        }
        assertThat(endpoint.post(optedOut.message("a:member-2", "stop announcements")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(removed.installationUpdate("a:member-6", "remove")).statusCode()).isEqualTo(200);
        // member 8 said "stop announcements", then their personal chat's reference was lost (forgotten
        // without a removal, say the sealing key changed): only the opt-out keeps the pass from a new chat
        Activities forgotten = member("member-8");
        Set<String> before = redis.keys("signpost:ref:*");
        assertThat(endpoint.post(forgotten.installationUpdate(chat(forgotten), "add")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(forgotten.message("a:member-8", "stop announcements")).statusCode()).isEqualTo(200);
        List<String> itsReferences = redis.keys("signpost:ref:*").stream().filter(key -> !before.contains(key))
                .filter(key -> redis.type(key).equals("string")).toList();
        assertThat(itsReferences).as("the chat and the person's pointer to it").hasSize(2);
        itsReferences.forEach(redis::del);
        assertThat(endpoint.post(botAddedToTeam()).statusCode()).isEqualTo(200);
        assertThat(connector.calls("roster")).as("nothing is read until an announcement needs it").isEmpty();
        // Teams throttles the first roster call: it is retried after its Retry-After
        connector.refuseRoster(429);

        announce(endpoint, ambassador);
        Progress first = awaitDone(1);

        assertThat(connector.calls("roster").stream().map(TeamConnector.Call::status)).containsExactly(429, 200, 200, 200);
        assertThat(connector.calls("create").stream().map(TeamConnector.Call::target))
                .as("chats opened only with members who have none and may be reached")
                .containsExactlyInAnyOrder("29:member-3", "29:member-4", "29:member-5", "29:member-7");
        JsonNode created = connector.calls("create").get(0).body();
        assertThat(created.path("isGroup").asBoolean(true)).isFalse();
        assertThat(created.path("tenantId").asText()).isEqualTo("tenant-1");
        assertThat(created.path("channelData").path("tenant").path("id").asText()).isEqualTo("tenant-1");
        assertThat(created.path("bot").path("id").asText()).isEqualTo(Activities.BOT_ID);

        List<String> reached = List.of("a:ambassador-1", "a:member-1", connector.chatWith("29:member-3"),
                connector.chatWith("29:member-4"), connector.chatWith("29:member-7"));
        assertThat(first.recipients()).isEqualTo(reached.size());
        assertThat(first.delivered()).isEqualTo(reached.size());
        for (String chat : reached) {
            // the ambassador also saw the preview
            assertThat(announcements(chat)).as("%s got it once", chat).isEqualTo(chat.equals("a:ambassador-1") ? 2 : 1);
        }
        for (String chat : List.of("a:member-2", "a:member-6", "a:opened-member-5", "a:member-8",
                "a:opened-member-8")) {
            assertThat(announcements(chat)).as("%s got nothing", chat).isZero();
        }

        // a second announcement: nobody new to open a chat with, not even the refused one; each gets one more
        announce(endpoint, ambassador);
        Progress second = awaitDone(2);
        assertThat(connector.calls("create")).hasSize(4);
        assertThat(second.delivered()).isEqualTo(reached.size());
        for (String chat : reached) {
            assertThat(announcements(chat)).as("%s got each once", chat).isEqualTo(chat.equals("a:ambassador-1") ? 4 : 2);
        }

        // nothing of the roster is kept or logged: names, e-mail addresses, ids
        List<String> canaries = new ArrayList<>(List.of("Roster Canary", "roster-canary", "member-", "team-canary"));
        for (String key : redis.keys("*")) {
            assertThat(key).doesNotContain(canaries);
            String value = switch (redis.type(key)) {
                case "string" -> new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
                case "hash" -> redis.hgetAll(key).toString();
                case "set" -> redis.smembers(key).toString();
                case "zset" -> redis.zrange(key, 0, -1).toString();
                case "list" -> redis.lrange(key, 0, -1).toString();
                default -> "";
            };
            assertThat(value).as(key).doesNotContain(canaries);
        }
        assertThat(output.getAll()).as("the pass was logged, at DEBUG too").contains("Opened 3 personal chats", "A personal chat was not opened")
                .doesNotContain(canaries);
    }

    private static long announcements(String chat) {
        return connector.messagesTo(chat).stream().filter(message -> message.toString().contains(HEADING)).count();
    }

    private static Activities member(String name) {
        return new Activities(connector.serviceUrl(), "29:" + name, "Roster Canary " + name, "aad-" + name);
    }

    private static String chat(Activities someone) {
        return "a:" + someone.message("x", "").path("from").path("aadObjectId").asText().substring("aad-".length());
    }

    /** What Teams sends when the bot is added to a team: a conversation update in its General channel. */
    private static ObjectNode botAddedToTeam() {
        ObjectNode activity = JsonNodeFactory.instance.objectNode();
        activity.put("type", "conversationUpdate");
        activity.put("id", "activity-" + UUID.randomUUID());
        activity.put("channelId", "msteams");
        activity.put("serviceUrl", connector.serviceUrl());
        activity.putObject("from").put("id", "29:member-7").put("aadObjectId", "aad-member-7");
        activity.putObject("recipient").put("id", Activities.BOT_ID).put("name", "Signpost");
        activity.putObject("conversation").put("id", TEAM).put("conversationType", "channel").put("isGroup", true)
                .put("tenantId", "tenant-1");
        ObjectNode channelData = activity.putObject("channelData");
        channelData.putObject("tenant").put("id", "tenant-1");
        channelData.putObject("team").put("id", TEAM).put("name", "Roster Canary Team");
        channelData.put("eventType", "teamMemberAdded");
        activity.putArray("membersAdded").addObject().put("id", Activities.BOT_ID);
        return activity;
    }

    private void announce(Endpoint endpoint, Activities ambassador) {
        AmbassadorClicks.timeToTalkDayToEveryone(endpoint, ambassador, "a:ambassador-1");
    }


    /** Waits for the nth announcement (1 for the first) to be sent; the queue lists the newest first. */
    private Progress awaitDone(int nth) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> ids = queue.broadcastIds();
            if (ids.size() == nth) {
                Progress progress = queue.progress(ids.get(0)).orElseThrow();
                if (progress.state() == BroadcastState.DONE) {
                    return progress;
                }
            }
            assertThat(System.nanoTime()).as("the announcement is sent").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
