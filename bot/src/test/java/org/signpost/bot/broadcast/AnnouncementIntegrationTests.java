package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signpost.bot.broadcast.AmbassadorClicks.answer;
import static org.signpost.bot.broadcast.AmbassadorClicks.press;
import static org.signpost.bot.broadcast.AmbassadorClicks.skip;
import static org.signpost.bot.broadcast.AmbassadorClicks.start;
import static org.signpost.bot.broadcast.AmbassadorClicks.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.LocalTrial;
import org.signpost.dialogs.announcement.Pledge;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.CardKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Announcements in the running app: an ambassador prepares one in chat (real HTTP to /api/messages), and
 * the app's own scheduler, queue (embedded Redis) and courier post it to the fake Teams connector on
 * loopback, once to everyone reachable and never to someone who said "stop announcements"; pledges count
 * once a person; and no key or readable value in Redis names anyone involved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"signpost.roles.ambassador=aad-ambassador-1", "signpost.broadcast.idle-poll=200ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnouncementIntegrationTests {

    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final String HEADING = WORDING.text("announcement.template.time-to-talk-day.heading");

    static final LocalTrial trial = new LocalTrial("signpost-announcements");
    static final FakeConnector connector = trial.connector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    RedisDeliveryQueue queue;

    @Autowired
    RedisPledges pledges;

    @Autowired
    UnifiedJedis redis;

    @Test
    @Order(1)
    void anAnnouncementReachesEveryoneReachableButThoseWhoOptedOut() throws Exception {
        Endpoint endpoint = new Endpoint(port);
        Activities ambassador = person("ambassador-1");
        Activities alice = person("alice");
        Activities bob = person("bob");
        Activities carol = person("carol");
        for (Activities someone : List.of(ambassador, alice, bob, carol)) {
            assertThat(endpoint.post(someone.installationUpdate(conversation(someone), "add")).statusCode())
                    .isEqualTo(200);
        }
        assertThat(endpoint.post(carol.message("a:carol", "stop announcements")).statusCode()).isEqualTo(200);
        assertThat(connector.sentTo("a:carol").get(connector.sentTo("a:carol").size() - 1).text())
                .isEqualTo(WORDING.text("announcement.stopped"));

        String chat = "a:ambassador-1";
        press(endpoint, ambassador, chat, start());
        press(endpoint, ambassador, chat, answer("template", "time-to-talk-day"));
        press(endpoint, ambassador, chat, answer("audience", "everyone"));
        press(endpoint, ambassador, chat, skip("when"));
        List<FakeConnector.Sent> preview = connector.sentTo(chat);
        // one message: the preview, then the confirm card under it
        assertThat(preview.get(preview.size() - 1).cardText()).as("the preview, as staff will see it").contains(HEADING);
        press(endpoint, ambassador, chat, submit());
        assertThat(connector.sentTo(chat).stream().map(FakeConnector.Sent::text))
                .contains(WORDING.text("announcement.receipt"));

        String id = queue.broadcastIds().get(0);
        Progress progress = awaitDone(id);
        assertThat(progress.recipients()).isEqualTo(3);
        assertThat(progress.delivered()).isEqualTo(3);
        assertThat(progress.optedOut()).isEqualTo(1);
        for (String someone : List.of("a:alice", "a:bob", chat)) {
            assertThat(connector.sentTo(someone).stream().filter(sent -> sent.cardText().contains(HEADING)).count())
                    .as("%s got it once", someone).isEqualTo(someone.equals(chat) ? 2 : 1);
        }
        assertThat(connector.sentTo("a:carol")).noneMatch(sent -> sent.cardText().contains(HEADING));

        // the card's buttons start the survey (a round is open in a local trial) and the focus-group sign-up
        FakeConnector.Sent card = connector.sentTo("a:bob").stream().filter(sent -> sent.cardText().contains(HEADING))
                .findFirst().orElseThrow();
        Map<String, Map<String, String>> buttons = new HashMap<>();
        for (JsonNode action : card.activity().path("attachments").path(0)
                .path("content").findValues("actions").stream().flatMap(actions -> StreamSupport
                        .stream(actions.spliterator(), false)).toList()) {
            Map<String, String> data = new HashMap<>();
            action.path("data").fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    data.put(field.getKey(), field.getValue().asText());
                }
            });
            buttons.put(data.getOrDefault(CardKeys.ACTION, ""), data);
        }
        assertThat(buttons).containsKeys("pledge", "conversation-starter", "learning", "survey", "focusgroup");
        int before = connector.sentTo("a:bob").size();
        assertThat(endpoint.post(bob.button("a:bob", buttons.get("survey"))).statusCode()).isEqualTo(200);
        assertThat(connector.sentTo("a:bob").subList(before, connector.sentTo("a:bob").size()))
                .anyMatch(sent -> sent.cardText().contains(WORDING.text("survey.privacy.title")));
        before = connector.sentTo("a:bob").size();
        assertThat(endpoint.post(bob.button("a:bob", Map.of(CardKeys.ACTION, "cancel"))).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(bob.button("a:bob", buttons.get("focusgroup"))).statusCode()).isEqualTo(200);
        assertThat(connector.sentTo("a:bob").subList(before, connector.sentTo("a:bob").size()))
                .anyMatch(sent -> sent.cardText().contains(WORDING.text("focusgroup.chat.confidential.title")));

        // pledges are counted once a person, and nothing in Redis names anyone who pledged, opted out or announced
        assertThat(endpoint.post(alice.button("a:alice", Map.of(CardKeys.ACTION, "pledge"))).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(alice.message("a:alice", "take the pledge")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(bob.button("a:bob", Map.of(CardKeys.ACTION, "pledge"))).statusCode()).isEqualTo(200);
        assertThat(connector.sentTo("a:alice").stream().map(FakeConnector.Sent::text))
                .containsSubsequence(WORDING.text("announcement.pledge.counted"), WORDING.text("announcement.pledge.already"));
        assertThat(pledges.count(Pledge.campaign(Clock.systemUTC()))).isEqualTo(2);
        // Bob's ids in full: a sealed value's bytes are random, and three of them read "bob" by chance (one position
        // in 16.7 million); five or more bytes practically never
        List<String> canaries = List.of("ambassador-1", "alice", "29:bob", "aad-bob", "a:bob", "carol", "Person ");
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
    }

    @Test
    @Order(2)
    void youSaidWeDidReachesStaffWithTheAmbassadorsWordsExactlyNeverReadAsMarkdown() throws Exception {
        Endpoint endpoint = new Endpoint(port);
        Activities ambassador = person("ambassador-1");
        Activities dan = person("dan");
        for (Activities someone : List.of(ambassador, dan)) {
            assertThat(endpoint.post(someone.installationUpdate(conversation(someone), "add")).statusCode())
                    .isEqualTo(200);
        }
        String words = "You said workloads get in the way. We did: **two** quiet rooms, [the plan](http://x.example/plan),"
                + " <b>no</b> & \"more\"\nand a second line.";
        String chat = "a:ambassador-1";
        press(endpoint, ambassador, chat, start());
        press(endpoint, ambassador, chat, answer("template", "you-said-we-did"));
        // typed into the chat (with spaces around it, which are not kept)
        assertThat(endpoint.post(ambassador.message(chat, "  " + words + "  ")).statusCode()).isEqualTo(200);
        press(endpoint, ambassador, chat, answer("audience", "everyone"));
        press(endpoint, ambassador, chat, skip("when"));
        List<FakeConnector.Sent> shown = connector.sentTo(chat);
        assertThat(ownWords(shown.get(shown.size() - 1))).as("the preview, above the confirm card").containsExactly(words);
        press(endpoint, ambassador, chat, submit());

        String id = queue.broadcastIds().get(0);
        assertThat(queue.broadcast(id).orElseThrow().text()).isEqualTo(words);
        awaitDone(id);
        String heading = WORDING.text("announcement.template.you-said-we-did.heading");
        List<FakeConnector.Sent> received = connector.sentTo("a:dan").stream()
                .filter(sent -> sent.cardText().contains(heading)).toList();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).cardText()).contains(WORDING.text("announcement.template.you-said-we-did.body"));
        assertThat(ownWords(received.get(0))).as("what staff receive").containsExactly(words);
        // and nowhere on the card as a TextBlock, where Teams would read its markdown
        assertThat(received.get(0).activity().findValues("text").stream().map(JsonNode::asText)
                .filter(text -> text.contains("**two**")).count()).isEqualTo(1);
    }

    /**
     * Teams shows six menu items and folds the rest into "…". An ambassador in a local trial (a survey round
     * open, a focus-group session taking sign-ups) has every item there is, and six: announcements are one item,
     * whose overview starts a new one.
     */
    @Test
    @Order(3)
    void theAmbassadorsMenuKeepsToSixItemsAndEveryAnnouncementCapabilityIsOnIt() {
        Endpoint endpoint = new Endpoint(port);
        Activities ambassador = person("ambassador-1");
        String chat = "a:ambassador-1";
        assertThat(endpoint.post(ambassador.message(chat, "menu")).statusCode()).isEqualTo(200);
        List<Map<String, String>> menu = buttons(last(chat));
        assertThat(menu).as("the menu's buttons").hasSizeLessThanOrEqualTo(6)
                .extracting(button -> button.get(CardKeys.ACTION))
                .contains("survey", "focusgroup", "campaign", "learning", "support", "privacy")
                .doesNotContain("announcement");

        press(endpoint, ambassador, chat, Map.of(CardKeys.ACTION, "campaign"));
        assertThat(last(chat).cardText()).contains(WORDING.text("campaign.title"));
        assertThat(buttons(last(chat))).contains(start());
        press(endpoint, ambassador, chat, start());
        assertThat(last(chat).cardText()).contains(WORDING.text("announcement.template.question"));
    }

    /**
     * "What do you keep about me" names the note that this person stopped announcements, and the note that their chat
     * was removed, each only while Redis holds it (found from outside: both were left out).
     */
    @Test
    @Order(4)
    void whatIsKeptNamesTheStopNoteAndTheRemovalNoteWhileTheyAreKept() {
        Endpoint endpoint = new Endpoint(port);
        Activities dana = person("dana");
        String chat = "a:dana";
        // their opening words (a card's text is compared as JSON, where a quotation mark is escaped)
        String stopped = WORDING.text("announcement.held.stopped").substring(0, 40);
        String removed = WORDING.text("announcement.held.removed").substring(0, 40);
        assertThat(endpoint.post(dana.installationUpdate(chat, "add")).statusCode()).isEqualTo(200);
        assertThat(whatIsKept(endpoint, dana, chat)).doesNotContain(stopped, removed);
        assertThat(endpoint.post(dana.message(chat, "stop announcements")).statusCode()).isEqualTo(200);
        assertThat(whatIsKept(endpoint, dana, chat)).contains(stopped).doesNotContain(removed);
        assertThat(endpoint.post(dana.message(chat, "start announcements")).statusCode()).isEqualTo(200);
        assertThat(whatIsKept(endpoint, dana, chat)).doesNotContain(stopped, removed);
        // removed: the reference goes, the note that the chat went stays (so that no roster pass opens it again)
        assertThat(endpoint.post(dana.installationUpdate(chat, "remove")).statusCode()).isEqualTo(200);
        assertThat(whatIsKept(endpoint, dana, chat)).contains(removed).doesNotContain(stopped);
        assertThat(endpoint.post(dana.installationUpdate(chat, "add")).statusCode()).isEqualTo(200);
        assertThat(whatIsKept(endpoint, dana, chat)).doesNotContain(stopped, removed);
    }

    /** The words of the answer to "privacy" (the menu item's keyword), cards included. */
    private static String whatIsKept(Endpoint endpoint, Activities someone, String chat) {
        int before = connector.sentTo(chat).size();
        assertThat(endpoint.post(someone.message(chat, "privacy")).statusCode()).isEqualTo(200);
        List<FakeConnector.Sent> sent = connector.sentTo(chat);
        String words = String.join("\n", sent.subList(before, sent.size()).stream()
                .map(message -> message.text() + message.cardText()).toList());
        assertThat(words).contains(WORDING.text("privacy.title"));
        return words;
    }

    private static FakeConnector.Sent last(String chat) {
        List<FakeConnector.Sent> sent = connector.sentTo(chat);
        return sent.get(sent.size() - 1);
    }

    /** The values each Action.Submit of a card sends. */
    private static List<Map<String, String>> buttons(FakeConnector.Sent sent) {
        return sent.activity().path("attachments").path(0).path("content").findValues("actions").stream()
                .flatMap(actions -> StreamSupport.stream(actions.spliterator(), false))
                .filter(action -> action.path("type").asText().equals("Action.Submit")).map(action -> {
                    Map<String, String> data = new HashMap<>();
                    action.path("data").fields().forEachRemaining(field -> {
                        if (field.getValue().isTextual()) {
                            data.put(field.getKey(), field.getValue().asText());
                        }
                    });
                    return data;
                }).toList();
    }

    /** The texts of a card's plain-text runs (someone's own words, which no host reads as markdown). */
    private static List<String> ownWords(FakeConnector.Sent sent) {
        return sent.activity().path("attachments").path(0).path("content").findValues("inlines").stream()
                .flatMap(inlines -> StreamSupport.stream(inlines.spliterator(), false))
                .filter(run -> run.path("type").asText().equals("TextRun")).map(run -> run.path("text").asText())
                .toList();
    }

    private static Activities person(String name) {
        return new Activities(connector.serviceUrl(), "29:" + name, "Person " + name, "aad-" + name);
    }

    private static String conversation(Activities someone) {
        return "a:" + someone.message("x", "").path("from").path("aadObjectId").asText().substring("aad-".length());
    }


    private Progress awaitDone(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Progress progress = queue.progress(id).orElseThrow();
            if (progress.state() == BroadcastState.DONE) {
                return progress;
            }
            assertThat(System.nanoTime()).as("the announcement is sent: %s", progress).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
