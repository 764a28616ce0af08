package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.FakeConnector.Sent;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.conversation.SignpostBot;
import org.signpost.dialogs.references.ConversationReferences;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The whole application as a local trial: embedded Redis, real HTTP, real Bot Framework activities,
 * and a loopback fake of the Teams connector.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignpostIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-it");
    static final FakeConnector connector = trial.connector();
    static final Path data = trial.data();
    static final Wording SHIPPED = new Messages(ContentFolder.shipped()).wording("en-GB");

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
    UnifiedJedis redis;

    @Autowired
    ConversationReferences references;

    @Autowired
    SignpostBot bot;

    private final Activities teams = new Activities(connector.serviceUrl(), "29:user-1", "Alex Example", "aad-1");

    /** Start-up refuses an intent that is no capability; this is the other way round, for the shipped data. */
    @Test
    void everyCapabilityCanBeAskedForInWordsAndEveryIntentIsACapability() throws IOException {
        assertThat(bot.capabilityIds()).containsExactlyInAnyOrderElementsOf(ContentCompletenessTests.intents());
    }

    @Test
    void installAndFirstMessageTogetherSignpostOnceThenShowTheMenu() {
        Endpoint endpoint = new Endpoint(port);
        Activities installer = new Activities(connector.serviceUrl(), "29:user-install", "Ines", "aad-install");
        assertThat(endpoint.post(installer.installationUpdate("a:install", "add")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(installer.botAdded("a:install")).statusCode()).isEqualTo(200);
        assertThat(endpoint.post(installer.message("a:install", "hello")).statusCode()).isEqualTo(200);

        List<Sent> sent = connector.sentTo("a:install");
        assertThat(sent).isNotEmpty();
        assertThat(sent.get(0).cardText()).contains(shipped("support.title", "support.intro",
                "support.service.samaritans.name", "support.service.breathing-space.name", "support.service.nhs24.name",
                "support.service.shout.name", "support.notMonitored"));
        // the install's one message: the support card, with the menu under it
        assertThat(sent.get(0).cardText()).contains(SHIPPED.text("menu.title"), "Action.Submit");
        assertThat(sent.stream().filter(SignpostIntegrationTests::isSupportCard)).as("support cards").hasSize(1);
        assertThat(sent.get(1).text()).isEqualTo(SHIPPED.text("greeting.reply"));
        assertThat(references.personalChatWith("msteams", "29:user-install")).get()
                .satisfies(reference -> assertThat(reference.getConversation().getId()).isEqualTo("a:install"));
    }

    @Test
    void installEventsAndFirstMessageArrivingAtOnceStillSignpostExactlyOnce() throws Exception {
        Endpoint endpoint = new Endpoint(port);
        for (int round = 0; round < 5; round++) {
            String conversation = "a:race-" + round;
            List<Callable<Integer>> arrivals = List.of(
                    () -> endpoint.post(teams.installationUpdate(conversation, "add")).statusCode(),
                    () -> endpoint.post(teams.botAdded(conversation)).statusCode(),
                    () -> endpoint.post(teams.message(conversation, "hello")).statusCode());
            ExecutorService pool = Executors.newFixedThreadPool(arrivals.size());
            try {
                for (Future<Integer> status : pool.invokeAll(arrivals)) {
                    assertThat(status.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(connector.sentTo(conversation).stream().filter(SignpostIntegrationTests::isSupportCard))
                    .as("support cards in %s", conversation).hasSize(1);
        }
    }

    @Test
    void helpShowsTheSupportCardAgainAtAnyTime() {
        Endpoint endpoint = new Endpoint(port);
        endpoint.post(teams.message("a:help", "hi"));
        int before = connector.sentTo("a:help").size();
        assertThat(endpoint.post(teams.message("a:help", "help")).statusCode()).isEqualTo(200);

        List<Sent> reply = connector.sentTo("a:help").subList(before, connector.sentTo("a:help").size());
        assertThat(reply).as("one message").hasSize(1);
        assertThat(reply.get(0)).matches(SignpostIntegrationTests::isSupportCard, "the support card");
        assertThat(reply.get(0).cardText()).contains(SHIPPED.text("menu.title"));
    }

    /**
     * With the real model: an emoji alone had no feature and was not understood; "sure" read as the survey and "that's
     * not helpful" as thanks. A thumbs-up is acknowledged, a sad face gets the support card, a complaint an apology.
     */
    @Test
    void emojiAcknowledgementsAndComplaintsAreAnsweredAsMeant() {
        Endpoint endpoint = new Endpoint(port);
        endpoint.post(teams.message("a:emoji", "hi"));
        Map<String, Predicate<Sent>> answers = new LinkedHashMap<>();
        answers.put("\uD83D\uDC4D\uD83C\uDFFD", reply -> reply.text().equals(SHIPPED.text("acknowledgement.reply")));
        answers.put("sure", reply -> reply.text().equals(SHIPPED.text("acknowledgement.reply")));
        answers.put("\uD83D\uDE22", SignpostIntegrationTests::isSupportCard);
        answers.put(":(", SignpostIntegrationTests::isSupportCard);
        answers.put("that's not helpful", reply -> reply.text().equals(SHIPPED.text("notHelpful.reply")));
        answers.put("\uD83D\uDE4F", reply -> reply.text().equals(SHIPPED.text("thanks.reply")));
        answers.forEach((typed, expected) -> {
            int before = connector.sentTo("a:emoji").size();
            assertThat(endpoint.post(teams.message("a:emoji", typed)).statusCode()).isEqualTo(200);
            List<Sent> reply = connector.sentTo("a:emoji").subList(before, connector.sentTo("a:emoji").size());
            assertThat(reply).as(typed).hasSize(1);
            assertThat(reply.get(0)).as(typed).matches(expected, "answered as meant, got " + reply.get(0).activity());
        });
    }

    @Test
    void aGroupChatMentionGetsOnlyAPointerToThePersonalChat() {
        assertThat(new Endpoint(port).post(teams.groupMention("19:group@thread.v2", "how are you all?")).statusCode())
                .isEqualTo(200);

        List<Sent> sent = connector.sentTo("19:group@thread.v2");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).isCard()).isFalse();
        assertThat(sent.get(0).text()).isEqualTo(SHIPPED.text("group.pointer"));
    }

    @Test
    void aCrisisMentionInAGroupGetsExactlyTheOrdinaryPointerWhileTheUrgentCardGoesToThePersonalChat() {
        Endpoint endpoint = new Endpoint(port);
        Activities flagged = new Activities(connector.serviceUrl(), "29:sam", "Sam Example", "aad-sam");
        endpoint.post(flagged.installationUpdate("a:sam-personal", "add"));
        int personalBefore = connector.sentTo("a:sam-personal").size();

        assertThat(endpoint.post(flagged.groupMention("19:ordinary@thread.v2", "how are you all?")).statusCode())
                .isEqualTo(200);
        assertThat(endpoint.post(flagged.groupMention("19:flagged@thread.v2", "I want to end my life")).statusCode())
                .isEqualTo(200);

        List<Sent> personal = connector.sentTo("a:sam-personal");
        assertThat(personal).hasSize(personalBefore + 1);
        assertThat(personal.get(personal.size() - 1).cardText()).contains(SHIPPED.text("support.urgent.title"));
        // what the group sees is the same, byte for byte, apart from where and when it was sent
        assertThat(connector.sentTo("19:flagged@thread.v2")).map(SignpostIntegrationTests::visibleToTheGroup)
                .isEqualTo(connector.sentTo("19:ordinary@thread.v2").stream()
                        .map(SignpostIntegrationTests::visibleToTheGroup).toList())
                .singleElement().satisfies(reply -> assertThat(reply.path("text").asText())
                        .isEqualTo(SHIPPED.text("group.pointer")));
    }

    private static boolean isSupportCard(Sent sent) {
        return sent.isCard() && sent.cardText().contains(SHIPPED.text("support.intro"));
    }

    private static String[] shipped(String... keys) {
        return Stream.of(keys).map(SHIPPED::text).toArray(String[]::new);
    }

    private static ObjectNode visibleToTheGroup(Sent sent) {
        ObjectNode reply = sent.activity().deepCopy();
        reply.remove(List.of("id", "replyToId", "conversation", "timestamp", "localTimestamp"));
        return reply;
    }

    @Test
    void uninstallForgetsTheConversationReference() {
        Endpoint endpoint = new Endpoint(port);
        Activities leaving = new Activities(connector.serviceUrl(), "29:user-leaving", "Lee", "aad-leaving");
        endpoint.post(leaving.installationUpdate("a:leaving", "add"));
        assertThat(references.personalChatWith("msteams", "29:user-leaving")).isPresent();
        endpoint.post(leaving.installationUpdate("a:leaving", "remove"));
        assertThat(references.personalChatWith("msteams", "29:user-leaving")).isEmpty();
    }

    @Test
    void aTrialListensOnLoopbackOnly(@Autowired AbstractConfigurableWebServerFactory server) {
        assertThat(server.getAddress()).isNotNull();
        assertThat(server.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void aTrialNeverSendsToANonLoopbackServiceUrl() {
        Activities elsewhere = new Activities("https://smba.signpost-test.invalid/emea/", "29:user-far", "Alex",
                "aad-far");
        int before = connector.all().size();
        int stored = redis.keys("signpost:ref:*").size();

        assertThat(new Endpoint(port).post(elsewhere.message("a:elsewhere", "hello")).statusCode()).isEqualTo(403);
        assertThat(new Endpoint(port).post(elsewhere.installationUpdate("a:elsewhere", "add")).statusCode())
                .isEqualTo(403);
        assertThat(connector.all()).hasSize(before);
        assertThat(redis.keys("signpost:ref:*")).hasSize(stored);
        assertThat(references.personalChatWith("msteams", "29:user-far")).isEmpty();
    }

    @Test
    void aBodySentChunkedWithoutALengthIsReadWhole() {
        Endpoint endpoint = new Endpoint(port);
        endpoint.post(teams.message("a:chunked", "hi"));
        int before = connector.sentTo("a:chunked").size();
        assertThat(endpoint.postChunked(teams.message("a:chunked", "help").toString()).statusCode()).isEqualTo(200);

        List<Sent> reply = connector.sentTo("a:chunked").subList(before, connector.sentTo("a:chunked").size());
        assertThat(reply).hasSize(1);
        assertThat(reply.get(0)).matches(SignpostIntegrationTests::isSupportCard, "the support card");
    }

    @Test
    void badBodiesGetAClear4xxAndTouchNothing() {
        Endpoint endpoint = new Endpoint(port);
        int before = connector.all().size();
        assertThat(endpoint.post("{\"type\": \"message\", \"text\": ", null).statusCode()).isEqualTo(400);
        assertThat(endpoint.post("[1, 2, 3]", null).statusCode()).isEqualTo(400);
        assertThat(endpoint.post("{}", null).statusCode()).isEqualTo(400);
        String huge = teams.message("a:huge", "x".repeat(300 * 1024)).toString();
        assertThat(endpoint.post(huge, null).statusCode()).isEqualTo(413);
        // without a declared length the body is read up to the limit and no further
        assertThat(endpoint.postChunked(huge).statusCode()).isEqualTo(413);
        assertThat(endpoint.postChunked("{\"type\": \"message\", \"text\": ").statusCode()).isEqualTo(400);
        assertThat(connector.all()).hasSize(before);
    }

}
