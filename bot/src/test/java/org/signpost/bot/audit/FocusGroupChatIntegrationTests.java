package org.signpost.bot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.FocusGroupVolunteer;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.RespondentTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Focus groups in chat, through {@code /api/messages} with a real Redis: four colleagues sign up for the
 * local trial's sample session (three places; the fourth joins the waiting list), one of them also takes
 * the survey, one refuses consent; then one withdraws, and the first on the waiting list is given the
 * place and told. Redis then holds nobody's id, name or conversation; the sign-ups only under keyed names,
 * sealed, expiring with the session's retention period; no survey key names anyone who signed up and no
 * sign-up holds a survey token; the privacy audit of the live store passes its rules, the sign-up
 * keyspace's lifetime included; and the sign-up counter counted by outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FocusGroupChatIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-focus-chat");
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");

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
    Auditor auditor;

    @Autowired
    AppKeys keys;

    @Autowired
    MeterRegistry registry;

    record Person(String userId, String name, String aadObjectId, String conversation, Activities teams) {
    }

    @Test
    void signUpsWaitingListWithdrawalAndPromotionLeaveNothingThatLeadsToAnyoneAndTheAuditPasses() {
        Endpoint endpoint = new Endpoint(port);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String aad = "7c9e6679-7425-40de-944b-e07fc1f90a" + (10 + i);
            people.add(new Person("29:focus-user-" + i + "-k2v", "Focus Person" + i + " Wqz", aad,
                    "a:focus-conversation-" + i + "-p8d", new Activities(trial.connector().serviceUrl(),
                            "29:focus-user-" + i + "-k2v", "Focus Person" + i + " Wqz", aad)));
        }
        double signedUpBefore = count("signed_up");
        for (Person person : people) {
            assertThat(endpoint.post(person.teams().installationUpdate(person.conversation(), "add")).statusCode())
                    .isEqualTo(200);
        }
        new SurveyRespondent(endpoint, people.get(0).teams(), people.get(0).conversation())
                .answer("trial", SurveyTally.SURVEY, SurveyTally.randomAnswers(new Random(11)));

        String session = null;
        for (int i = 0; i < 4; i++) {
            Person person = people.get(i);
            FocusGroupVolunteer volunteer = volunteer(endpoint, person);
            List<String> choices = volunteer.throughConsent(true);
            assertThat(choices).hasSize(1);
            session = choices.get(0).replace("/wait", "");
            assertThat(choices.get(0).endsWith("/wait")).as("the fourth finds it full").isEqualTo(i == 3);
            volunteer.choose(choices.get(0));
            String confirm = last(person).cardText();
            assertThat(confirm).as("what will be kept, before it is").contains(person.name())
                    .contains(WORDING.text("focusgroup.contact.chat"));
            volunteer.submit();
            String receipt = sentTexts(person).get(sentTexts(person).size() - 1);
            assertThat(receipt).startsWith(opening(i < 3 ? "focusgroup.receipt" : "focusgroup.receipt.waiting"));
            if (i < 3) {
                assertThat(receipt).contains("/focus-groups/invitations/" + session + ".ics");
            }
        }
        assertThat(volunteer(endpoint, people.get(4)).throughConsent(false)).isEmpty();
        assertThat(sentTexts(people.get(4))).contains(WORDING.text("focusgroup.refused"));

        String seats = "signpost:signup:{" + session + "}:seats";
        String waiting = "signpost:signup:{" + session + "}:waiting";
        assertThat(redis.hkeys(seats)).containsExactlyInAnyOrder(keyed(people.get(0)), keyed(people.get(1)),
                keyed(people.get(2)));
        assertThat(redis.hkeys(waiting)).containsExactly(keyed(people.get(3)));

        // "what do you hold about me" tells the person what is held
        endpoint.post(people.get(3).teams().message(people.get(3).conversation(), "what information do you hold about me"));
        assertThat(sentCards(people.get(3))).anyMatch(card -> card.contains(people.get(3).name()));

        // the first withdraws; the place goes to the one waiting, who is told in their own chat
        Person leaving = people.get(0);
        endpoint.post(leaving.teams().message(leaving.conversation(), "cancel my focus group"));
        assertThat(last(leaving).cardText()).contains(WORDING.text("focusgroup.withdraw.choose"));
        endpoint.post(leaving.teams().button(leaving.conversation(), Map.of("signpost", "focusgroup-withdraw",
                "round", session)));
        assertThat(sentTexts(leaving)).anyMatch(text -> text.startsWith(opening("focusgroup.withdrawn")));
        assertThat(redis.hkeys(seats)).containsExactlyInAnyOrder(keyed(people.get(1)), keyed(people.get(2)),
                keyed(people.get(3)));
        assertThat(redis.exists(waiting)).isFalse();
        assertThat(sentTexts(people.get(3))).anyMatch(text -> text.startsWith(opening("focusgroup.promoted")));

        // the audit first: it must catch on its own what the scans below look for
        AuditReport report = auditor.run("test");
        assertThat(report.keyspaces().get("signup")).as("the seats; nobody waits now").isEqualTo(1L);
        for (String rule : List.of("lifetimes", "key-shapes", "no-identifiers", "sealed-records")) {
            assertThat(report.findings()).filteredOn(finding -> finding.rule().equals(rule))
                    .singleElement().satisfies(finding -> assertThat(finding.verdict())
                            .as(rule + " " + finding.counts()).isEqualTo(Verdict.PASS));
        }
        assertThat(report.findings()).allSatisfy(finding -> assertThat(finding.verdict())
                .as(finding.rule() + " " + finding.counts()).isNotEqualTo(Verdict.FAIL));

        Map<String, String> content = TestRedis.contentOf(redis);
        for (Person person : people) {
            for (String trace : List.of(person.userId(), person.name(), person.aadObjectId(), person.conversation(),
                    "focus-user-", "Focus Person", "focus-conversation-")) {
                assertThat(content.keySet()).noneMatch(key -> key.contains(trace));
                assertThat(content.values()).noneMatch(value -> value.contains(trace));
            }
        }
        // survey keys never name anyone who signed up, and sign-ups never hold the survey's token
        String token = new RespondentTokens(keys.respondentTokenKey()).token("trial:msteams:" + leaving.aadObjectId(),
                "trial");
        assertThat(redis.sismember("signpost:resp:{trial}", token)).isTrue();
        content.forEach((key, value) -> {
            boolean survey = key.startsWith("signpost:agg:") || key.startsWith("signpost:resp:")
                    || key.startsWith("signpost:progress:{trial}");
            for (Person person : people) {
                if (survey) {
                    assertThat(key + value).doesNotContain(keyed(person));
                }
            }
            if (key.startsWith("signpost:signup:")) {
                assertThat(key + value).doesNotContain(token).doesNotContain("strongly-agree");
                assertThat(redis.pttl(key)).as("%s expires with the session's retention", key).isPositive();
            }
        });

        assertThat(count("signed_up") - signedUpBefore).isEqualTo(3);
        assertThat(count("waiting_list")).isEqualTo(1);
        assertThat(count("withdrawn")).isEqualTo(1);
        assertThat(count("refused_consent")).isEqualTo(1);
    }

    private static FocusGroupVolunteer volunteer(Endpoint endpoint, Person person) {
        return new FocusGroupVolunteer(endpoint, person.teams(), person.conversation(), trial.connector());
    }

    private FakeConnector.Sent last(Person person) {
        List<FakeConnector.Sent> sent = trial.connector().sentTo(person.conversation());
        // the menu comes with most replies: the reply asked about is the last message without it
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (!sent.get(i).isCard() || !sent.get(i).cardText().contains(WORDING.text("menu.title"))) {
                return sent.get(i);
            }
        }
        throw new AssertionError("nothing sent to " + person.conversation());
    }

    private List<String> sentTexts(Person person) {
        // the words of each message (cards may be under them: the menu, a support card)
        return trial.connector().sentTo(person.conversation()).stream().map(FakeConnector.Sent::text)
                .filter(text -> !text.isEmpty()).toList();
    }

    private List<String> sentCards(Person person) {
        return trial.connector().sentTo(person.conversation()).stream().filter(FakeConnector.Sent::isCard)
                .map(FakeConnector.Sent::cardText).toList();
    }

    /** The shipped wording up to its first placeholder. */
    private static String opening(String key) {
        String text = WORDING.text(key);
        int placeholder = text.indexOf('{');
        return placeholder < 0 ? text : text.substring(0, placeholder);
    }

    private String keyed(Person person) {
        return keys.pseudonyms("signup").of("msteams", person.userId());
    }

    private double count(String outcome) {
        return registry.get("signpost.focusgroup.signups").tag("outcome", outcome).counter().count();
    }

}
