package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * Someone in the middle of the survey writes something that reads like a crisis: the urgent card comes
 * at once, the survey carries on where they were, and the words are nowhere: not in a log (at DEBUG),
 * not in any Redis key or value, not on disk. Through the real endpoint and the real OpenNLP detector: a
 * long message with one risk sentence brings the card, short everyday replies and a wellbeing question do
 * not, and worry about a colleague brings the card that says how to help them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=DEBUG", "logging.level.com.sun.net.httpserver=INFO"})
@ExtendWith(OutputCaptureExtension.class)
class CrisisIntegrationTests {

    static final String MARKER = "zq7marker";
    static final String TYPED = "I can't go on any more, I want to end my life " + MARKER;
    static final String WRITTEN = "honestly I just want to die, nothing will ever get better " + MARKER;
    static final String LONG = "Busy week, the new rota is a mess and the car park is shut again. I've swapped my "
            + "Friday with Jo so I can get to my sister's. Honestly most nights I think about ending my life " + MARKER
            + ". Anyway, sorry for going on, I'll do the survey later.";
    static final String COLLEAGUE = "I'm worried about a colleague, she told me she wants to kill herself " + MARKER;
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final LocalTrial trial = new LocalTrial("signpost-crisis");
    static final FakeConnector connector = trial.connector();
    static final Path data = trial.data();

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

    @Test
    void theUrgentCardComesMidSurveyThePlaceIsKeptAndTheWordsAreNowhere(CapturedOutput output) throws IOException {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:kai", "Kai", "aad-kai");
        String conversation = "a:crisis";
        endpoint.post(person.message(conversation, "take the survey"));
        endpoint.post(person.button(conversation, SurveyRespondent.step("trial", "start")));
        endpoint.post(person.button(conversation, answer("stigma-awareness", "agree")));
        int before = connector.sentTo(conversation).size();

        assertThat(endpoint.post(person.message(conversation, TYPED)).statusCode()).isEqualTo(200);
        List<FakeConnector.Sent> reply = connector.sentTo(conversation).subList(before,
                connector.sentTo(conversation).size());
        assertThat(reply.get(0).cardText()).contains(WORDING.text("support.urgent.title"), "999", "116 123",
                "Breathing Space", "85258");

        // the place is kept: the next card answers question 2 and question 3 follows
        endpoint.post(person.button(conversation, answer("talk-to-manager", "disagree")));
        assertThat(last(conversation)).contains("Question 3 of");

        // a free-text answer in crisis: the urgent card, then the survey goes on
        int beforeFreeText = connector.sentTo(conversation).size();
        for (String question : List.of("manager-support", "colleague-support", "open-culture", "career-impact",
                "know-support", "training", "workload", "policies", "witnessed-stigma")) {
            endpoint.post(person.button(conversation, skip(question)));
        }
        Map<String, String> written = SurveyRespondent.step("trial", "answer");
        written.put("question", "anything-else");
        written.put("freeText", WRITTEN);
        endpoint.post(person.button(conversation, written));
        List<FakeConnector.Sent> afterFreeText = connector.sentTo(conversation).subList(beforeFreeText,
                connector.sentTo(conversation).size());
        assertThat(afterFreeText.stream().map(FakeConnector.Sent::cardText))
                .anyMatch(card -> card.contains(WORDING.text("support.urgent.title")));
        assertThat(last(conversation)).contains("Do you manage other people?");

        // a long message with one risk sentence, and worry about a colleague, in the same conversation
        int beforeLong = connector.sentTo(conversation).size();
        endpoint.post(person.message(conversation, LONG));
        assertThat(connector.sentTo(conversation).get(beforeLong).cardText())
                .contains(WORDING.text("support.urgent.title"), WORDING.text("support.urgent.intro"));
        int beforeColleague = connector.sentTo(conversation).size();
        endpoint.post(person.message(conversation, COLLEAGUE));
        assertThat(connector.sentTo(conversation).get(beforeColleague).cardText())
                .contains(WORDING.text("support.urgent.someone-else.title"),
                        WORDING.text("support.urgent.someone-else.advice"), "116 123");

        assertThat(output.getAll()).doesNotContain(MARKER);
        for (String key : redis.keys("*")) {
            assertThat(key).doesNotContain(MARKER);
            assertThat(new String(redis.dump(key), StandardCharsets.ISO_8859_1)).as(key).doesNotContain(MARKER);
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(MARKER);
            }
        }
    }

    @Test
    void shortEverydayRepliesAndAWellbeingQuestionGetTheOrdinaryAnswer() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:ali", "Ali", "aad-ali");
        String conversation = "a:ordinary-replies";
        endpoint.post(person.message(conversation, "hello"));
        int before = connector.sentTo(conversation).size();
        for (String reply : List.of("no", "something like that", "I hope she's doing okay!", "not really", "ok")) {
            assertThat(endpoint.post(person.message(conversation, reply)).statusCode()).isEqualTo(200);
        }
        endpoint.post(person.message(conversation, "who is my mental health first aider"));
        List<FakeConnector.Sent> replies = connector.sentTo(conversation).subList(before,
                connector.sentTo(conversation).size());
        assertThat(replies).isNotEmpty();
        assertThat(replies).noneMatch(reply -> reply.cardText().contains(WORDING.text("support.urgent.title")));
        assertThat(replies).noneMatch(reply -> reply.cardText().contains(WORDING.text("support.urgent.someone-else.title")));
        // the wellbeing question is answered with the ordinary support card
        assertThat(replies.get(replies.size() - 1).cardText()).contains(WORDING.text("support.title"));
    }

    @Test
    void crisisWordsInAGroupSendTheUrgentCardToThePersonalChat() {
        Endpoint endpoint = new Endpoint(port);
        Activities person = new Activities(connector.serviceUrl(), "29:lou", "Lou", "aad-lou");
        endpoint.post(person.installationUpdate("a:lou-personal", "add"));
        int before = connector.sentTo("a:lou-personal").size();

        assertThat(endpoint.post(person.groupMention("19:team@thread.v2", TYPED)).statusCode()).isEqualTo(200);

        assertThat(connector.sentTo("19:team@thread.v2")).singleElement().satisfies(reply -> {
            assertThat(reply.isCard()).isFalse();
            assertThat(reply.text()).contains("116 123", "personal chat").doesNotContain(MARKER);
        });
        List<FakeConnector.Sent> personal = connector.sentTo("a:lou-personal");
        assertThat(personal).hasSize(before + 1);
        assertThat(personal.get(personal.size() - 1).cardText()).contains(WORDING.text("support.urgent.title"));
    }

    private String last(String conversation) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        return sent.get(sent.size() - 1).cardText();
    }

    private static Map<String, String> answer(String question, String answer) {
        Map<String, String> click = SurveyRespondent.step("trial", "answer");
        click.put("question", question);
        click.put("answer", answer);
        return click;
    }

    private static Map<String, String> skip(String question) {
        Map<String, String> click = SurveyRespondent.step("trial", "skip");
        click.put("question", question);
        return click;
    }

}
