package org.signpost.dialogs.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.adapters.TestAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.conversation.InMemoryConversationActivity;
import org.signpost.dialogs.conversation.RecordingReferences;
import org.signpost.dialogs.conversation.SignpostBot;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.flow.InMemoryActiveFlows;
import org.signpost.dialogs.flow.InMemoryFlowRuns;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.kernel.Roles;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.TestFlow;
import org.signpost.dialogs.privacy.PrivacyStatement;
import org.signpost.dialogs.smalltalk.Greeting;
import org.signpost.dialogs.smalltalk.MenuRequest;
import org.signpost.dialogs.smalltalk.Thanks;
import org.signpost.dialogs.support.SupportCapability;
import org.signpost.dialogs.support.SupportCard;
import org.signpost.dialogs.support.SupportDirectory;
import org.signpost.dialogs.survey.SurveyTotals.Outcome;
import org.signpost.dialogs.understanding.CrisisPhrases;
import org.signpost.dialogs.understanding.TrainingPhrases;

/** Taking a survey in chat, as transcripts. */
class SurveyConversationTests {

    static final String ROUND = "baseline-2026";
    /** k as configured: the privacy statement must promise this one, not the default 10. */
    static final int MIN_GROUP_SIZE = 7;
    static final String TENANT = "tenant-of-the-employer";
    static final CrisisPhrases CRISIS = new CrisisPhrases("I can't go on, I want to end it all", "I want to stop");
    /** A fake of the theme port: the OpenNLP extractor is measured in the bot module. */
    static final ThemeExtractor THEMES = text -> text.contains("short staffed") ? Set.of("workload", "stigma")
            : Set.of();

    @TempDir
    Path content;

    private final InMemorySurveyStore store = new InMemorySurveyStore();
    private final RecordingReferences references = new RecordingReferences();
    private final InMemoryActiveFlows active = new InMemoryActiveFlows();
    private final RespondentTokens tokens = new RespondentTokens(new byte[32]);
    private Senders senders = Senders.vouchedBy(Set.of(TENANT));
    /** Whether the round port says the round is open, and how often it was asked. */
    private final AtomicBoolean roundOpen = new AtomicBoolean(true);
    private final AtomicInteger roundReads = new AtomicInteger();
    private SignpostBot bot;

    static final String FREE_TEXT_FIRST = """
                id: pulse
                title: {en-GB: Pulse survey}
                questions:
                  - id: anything-else
                    type: freetext
                    optional: true
                    text: {en-GB: "Anything else?"}
                  - id: workload
                    type: likert
                    optional: true
                    text: {en-GB: My workload is fine.}
                """;

    static final String PULSE = """
                id: pulse
                title: {en-GB: Pulse survey}
                questions:
                  - id: open-culture
                    type: likert
                    optional: true
                    preferNotToSay: true
                    text: {en-GB: People here can talk openly about mental health.}
                  - id: witnessed
                    type: single
                    text: {en-GB: "Have you seen stigma at work?"}
                    options:
                      - {id: "yes", text: {en-GB: "Yes"}}
                      - {id: "no", text: {en-GB: "No"}}
                  - id: role
                    type: grouping
                    optional: true
                    text: {en-GB: "Do you manage people?"}
                    options:
                      - {id: manager, text: {en-GB: "Yes"}}
                      - {id: not-manager, text: {en-GB: "No"}}
                """;

    @BeforeEach
    void bot() throws IOException {
        bot(PULSE);
    }

    void bot(String surveyYaml) throws IOException {
        Files.createDirectories(content.resolve("surveys"));
        Files.writeString(content.resolve("surveys/pulse.yaml"), surveyYaml);
        ContentFolder folder = ContentFolder.withOverrides(content);
        SurveyRound round = new SurveyRound(ROUND, new SurveyCatalog(folder).load("pulse"));
        SurveyRounds rounds = () -> {
            roundReads.incrementAndGet();
            return roundOpen.get() ? Optional.of(round) : Optional.empty();
        };
        SurveyFlow survey = new SurveyFlow(rounds, store, store, tokens, THEMES, Duration.ofHours(4), MIN_GROUP_SIZE);
        FlowEngine flows = new FlowEngine(List.of(survey), active, new InMemoryFlowRuns());
        SupportCapability support = new SupportCapability(new SupportCard(SupportDirectory.load(folder)));
        List<Capability> capabilities = new ArrayList<>(List.of(support));
        capabilities.addAll(flows.capabilities());
        capabilities.addAll(List.of(new PrivacyStatement(), new Greeting(), new Thanks(), new MenuRequest()));
        bot = new SignpostBot(new SignpostBot.Settings(Duration.ofHours(12)), new Messages(folder), support,
                capabilities, flows, senders, Roles.none(), new SignpostBot.Ports(new TrainingPhrases(folder), CRISIS,
                        new InMemoryConversationActivity(), references, references, new MutableClock()));
    }

    @Test
    void aPersonAnswersEveryQuestionAndOnlyTotalsRemain() {
        TestAdapter adapter = teams("a:alex", "aad-alex");
        started(adapter, flow(adapter).send("take the survey")
                .assertReply(cardContaining("Pulse survey", "Before you start", "a few hours", "one-way code",
                        "at least 7 people", "Teams history", "Start the survey")))
                .send(button(adapter, "start"))
                .assertReply(question("Question 1 of 3", "People here can talk openly", "Strongly agree",
                        "Prefer not to say"))
                .send(answer(adapter, "open-culture", "agree"))
                .assertReply(question("Question 2 of 3", "Have you seen stigma at work?"))
                .send(answer(adapter, "witnessed", "no"))
                .assertReply(question("Question 3 of 3", "Do you manage people?"))
                .send(answer(adapter, "role", "manager"))
                .assertReply(cardContaining("That was the last question", "3 answers", "Submit my answers"))
                .send(button(adapter, "submit"))
                .assertReply(text(wording("survey.receipt", Map.of("count", "3"))).andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(store.count(ROUND, "all", "responses")).isEqualTo(1);
        assertThat(store.count(ROUND, "all", "open-culture:agree")).isEqualTo(1);
        assertThat(store.count(ROUND, "all", "witnessed:no")).isEqualTo(1);
        assertThat(store.count(ROUND, "all", "role:manager")).isEqualTo(1);
        assertThat(store.count(ROUND, "by:role:manager", "open-culture:agree")).isEqualTo(1);
        assertThat(store.count(ROUND, "by:role:manager", "role:manager")).as("no grouping in a group's hash").isZero();
        assertThat(store.progress).isEmpty();
        assertThat(store.tokens.get(ROUND)).containsExactly(tokens.token("aad:aad-alex", ROUND));
    }

    @Test
    void aQuestionsCardIsTheSameForEveryoneAndKeptButTheConfirmationIsNot() {
        List<Object> alex = new ArrayList<>();
        List<Object> sam = new ArrayList<>();
        for (String person : List.of("alex", "sam")) {
            TestAdapter adapter = teams("a:" + person, "aad-" + person);
            List<Object> cards = person.equals("alex") ? alex : sam;
            Consumer<Activity> kept = activity -> cards.add(activity.getAttachments().get(0).getContent());
            started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                    .send(button(adapter, "start")).assertReply(question("Question 1 of 3").andThen(kept))
                    .send(answer(adapter, "open-culture", "agree")).assertReply(question("Question 2 of 3").andThen(kept))
                    .send(answer(adapter, "witnessed", "yes")).assertReply(question("Question 3 of 3").andThen(kept))
                    .send(answer(adapter, "role", "not-manager")).assertReply(cardContaining("last question").andThen(kept))
                    .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        }
        for (int question = 0; question < 3; question++) {
            assertThat(sam.get(question)).as("question %d: the card rendered for Alex, kept", question + 1)
                    .isSameAs(alex.get(question));
            assertThat(sam.get(question).toString()).doesNotContain("alex", "sam");
        }
        // the confirmation states how many answers this person gave: rendered for each, never kept
        assertThat(sam.get(3)).isEqualTo(alex.get(3)).isNotSameAs(alex.get(3));
    }

    @Test
    void repliesNeverRepeatThePersonsAnswers() {
        TestAdapter adapter = teams("a:sam", "aad-sam");
        Consumer<Activity> noAnswerEchoed = activity -> assertThat(activity.getText() + activity.getAttachments())
                .doesNotContain("Agree", "agree\"", "\"No\"", "Yes, I");
        started(adapter, flow(adapter).send(button(adapter, "begin")).assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "agree")).assertReply(question("Question 2 of 3"))
                .send(answer(adapter, "witnessed", "no")).assertReply(question("Question 3 of 3"))
                .send(button(adapter, "skip", Map.of("question", "role"))).assertReply(noAnswerEchoed)
                .send(button(adapter, "submit")).assertReply(noAnswerEchoed.andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.count(ROUND, "all", "responses")).isEqualTo(1);
        assertThat(store.counters.keySet()).containsExactly(ROUND + "/all");
    }

    /** All skipped: the confirm card and receipt say no answers are added, and the response is still counted. */
    @Test
    void skippingEveryQuestionSaysNoAnswersAreAddedAndCountsOnlyTheResponse() throws IOException {
        bot(FREE_TEXT_FIRST);
        TestAdapter adapter = teams("a:lee", "aad-lee");
        String none = wording("survey.confirm", Map.of("count", "0"));
        flow(adapter).send("take the survey")
                .assertReply(cardContaining(wording("survey.privacy.body", Map.of("questions", "2",
                        "k", Integer.toString(MIN_GROUP_SIZE)))))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 2"))
                .send(button(adapter, "skip", Map.of("question", "anything-else"))).assertReply(question("Question 2 of 2"))
                .send(button(adapter, "skip", Map.of("question", "workload")))
                .assertReply(cardContaining(none).andThen(activity -> assertThat(card(activity))
                        .doesNotContain(wording("survey.confirm", Map.of("count", "2")))))
                .send(button(adapter, "submit"))
                .assertReply(text(wording("survey.receipt", Map.of("count", "0"))).andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(none).isNotEqualTo(wording("survey.confirm", Map.of("count", "2")).replace("2", "0"));
        assertThat(store.count(ROUND, "all", "responses")).isEqualTo(1);
        assertThat(store.counters.get(ROUND + "/all")).containsOnlyKeys("responses");
    }

    @Test
    void skippingCountsNothingForThatQuestionAndRequiredQuestionsCannotBeSkipped() {
        TestAdapter adapter = teams("a:kim", "aad-kim");
        started(adapter, flow(adapter).send("survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(button(adapter, "skip", Map.of("question", "open-culture"))).assertReply(question("Question 2 of 3"))
                .send(button(adapter, "skip", Map.of("question", "witnessed")))
                .assertReply(text("This question can't be skipped.").andThen(question("Question 2 of 3")))
                .send(answer(adapter, "witnessed", null))
                .assertReply(text("Choose an answer, or skip the question.").andThen(question("Question 2 of 3")))
                .send(answer(adapter, "witnessed", "yes")).assertReply(question("Question 3 of 3"))
                .send(button(adapter, "skip", Map.of("question", "role")))
                .assertReply(cardContaining(wording("survey.confirm", Map.of("count", "1"))))
                .send(button(adapter, "submit")).assertReply(text(wording("survey.receipt", Map.of("count", "1"))).andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.count(ROUND, "all", "witnessed:yes")).isEqualTo(1);
        assertThat(store.counters.get(ROUND + "/all")).containsOnlyKeys("responses", "witnessed:yes");
    }

    @Test
    void cancellingCountsNothingAndForgetsTheAnswers() {
        TestAdapter adapter = teams("a:lee", "aad-lee");
        started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "disagree")).assertReply(question("Question 2 of 3"))
                .send(button(adapter, "cancel"))
                .assertReply(text("The survey is cancelled and nothing was counted.").andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress).isEmpty();
        assertThat(store.counters).isEmpty();
        assertThat(store.tokens).isEmpty();
    }

    @Test
    void aPersonCanComeBackAndCarryOnWhereTheyLeftOff() {
        TestAdapter adapter = teams("a:jo", "aad-jo");
        started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "agree")).assertReply(question("Question 2 of 3"))
                .send("help").assertReply(cardContaining("Where to get support").andThen(menuCard()))
                .send("take the survey")
                .assertReply(text("Welcome back.").andThen(question("Question 2 of 3")))
                .send(button(adapter, "start")).assertReply(question("Question 2 of 3"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void someoneWhoAlreadyRespondedIsToldSoAndADoubleSubmitCountsOnce() {
        TestAdapter adapter = teams("a:ash", "aad-ash");
        answerAll(adapter).send(button(adapter, "submit")).assertReply(text("Thank you.").andThen(menuCard()))
                .send(button(adapter, "submit"))
                .assertReply(text("Your answers were already counted, once.").andThen(menuCard()))
                .send("take the survey")
                .assertReply(text("You have already taken part in this round").andThen(menuCard()))
                .send(button(adapter, "start"))
                .assertReply(text("You have already taken part in this round").andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.count(ROUND, "all", "responses")).isEqualTo(1);
    }

    @Test
    void anOldCardClickedAgainChangesNothing() {
        TestAdapter adapter = teams("a:max", "aad-max");
        started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "agree")).assertReply(question("Question 2 of 3"))
                .send(answer(adapter, "open-culture", "strongly-disagree"))
                .assertReply(text("That card is out of date").andThen(question("Question 2 of 3")))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress.get(ROUND + "/msteams/a:max").answers()).containsExactly(Map.entry("open-culture", "agree"));
    }

    @Test
    void theOpenRoundIsReadOnceATurnAndAClosingIsSeenByTheVeryNextTurn() {
        TestAdapter adapter = teams("a:robin", "aad-robin");
        flow(adapter).send("take the survey").assertReply(cardContaining("Before you start"))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        roundReads.set(0);
        new TestFlow(adapter, bot::onTurn).send(answer(adapter, "open-culture", "agree"))
                .assertReply(question("Question 2 of 3")).startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(roundReads).as("the click, the progress read and save, the next card").hasValue(1);

        roundOpen.set(false);
        new TestFlow(adapter, bot::onTurn).send(answer(adapter, "witnessed", "yes"))
                .assertReply(text("This survey round has closed").andThen(activity -> assertThat(card(activity))
                        .contains("What would you like to do?").doesNotContain("Take the staff survey")))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(roundReads).as("the click and the menu share one read").hasValue(2);
        assertThat(store.progress).as("nothing more can count: what was held goes")
                .doesNotContainKey(ROUND + "/msteams/a:robin");
    }

    @Test
    void forgedValuesAreRefusedAndChangeNoCounter() {
        TestAdapter adapter = teams("a:eve", "aad-eve");
        started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start", Map.of("round", "closed-2024")))
                .assertReply(text("This survey round has closed").andThen(menuCard()))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "maybe"))
                .assertReply(text("Sorry, that answer doesn't belong").andThen(question("Question 1 of 3")))
                .send(answer(adapter, "no-such-question", "agree"))
                .assertReply(text("Sorry, that answer doesn't belong").andThen(question("Question 1 of 3")))
                .send(button(adapter, "answer", Map.of("question", "open-culture", "answer", "agree",
                        "round", "forged-round")))
                .assertReply(text("This survey round has closed").andThen(menuCard()))
                .send(button(adapter, "submit"))
                .assertReply(question("Question 1 of 3"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.counters).isEmpty();
        assertThat(store.tokens).isEmpty();
    }

    @Test
    void whenSavingFailsThePersonIsToldTheTruthAndARetryCountsOnce() {
        TestAdapter adapter = teams("a:ola", "aad-ola");
        store.failures.add(Outcome.NOT_SAVED);
        store.failures.add(Outcome.UNKNOWN);
        answerAll(adapter)
                .send(button(adapter, "submit"))
                .assertReply(cardContaining("could not be saved just now and nothing was counted", "Try submitting again"))
                .send(button(adapter, "submit"))
                .assertReply(cardContaining("may not have been saved", "Try submitting again"))
                .send(button(adapter, "submit"))
                .assertReply(text("Your answers were already counted, once.").andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.count(ROUND, "all", "responses")).isEqualTo(1);
        assertThat(store.progress).isEmpty();
    }

    @Test
    void inAChannelWithoutCardsTheSurveyPointsToTeamsAndTypedTextIsNeverAnAnswer() {
        TestAdapter adapter = new TestAdapter(TestAdapter.createConversationReference("plain-chat", "user", "bot"));
        new TestFlow(adapter, bot::onTurn).send("take the survey")
                .assertReply(plain("Where to get support"))
                .assertReply(plain(wording("survey.cardsOnly"), "What would you like to do?"))
                .send("submit").assertReply(plain(wording("notUnderstood"), "What would you like to do?"))
                .send("2").assertReply(plain(wording("notUnderstood"), "What would you like to do?"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress).isEmpty();
        assertThat(store.counters).isEmpty();
        assertThat(store.tokens).isEmpty();
    }

    @Test
    void typedTextMidSurveyIsNeverAnAnswer() {
        TestAdapter adapter = teams("a:tay", "aad-tay");
        started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                // not understood, and pointed back to the question's card (the menu alone lost their place)
                .send("2").assertReply(text(wording("flow.typedNotTaken")).andThen(question("Question 1 of 3")))
                .send("agree").assertReply(text(wording("flow.typedNotTaken")).andThen(question("Question 1 of 3")))
                .send("skip").assertReply(text(wording("flow.typedNotTaken")).andThen(question("Question 1 of 3")))
                .send("take the survey").assertReply(text("Welcome back.").andThen(question("Question 1 of 3")))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress.get(ROUND + "/msteams/a:tay").next()).isZero();
        assertThat(store.progress.get(ROUND + "/msteams/a:tay").answers()).isEmpty();
    }

    @Test
    void helpTypedOnTheFreeTextQuestionShowsSupportAndTheSurveyKeepsItsPlace() throws IOException {
        bot(FREE_TEXT_FIRST);
        TestAdapter adapter = teams("a:noor", "aad-noor");
        flow(adapter).send("take the survey").assertReply(cardContaining("Before you start"))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 2", "Input.Text"))
                .send("help").assertReply(cardContaining("Where to get support").andThen(menuCard()))
                .send("take the survey").assertReply(text("Welcome back.").andThen(question("Question 1 of 2")))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress.get(ROUND + "/msteams/a:noor").next()).isZero();
        assertThat(store.progress.get(ROUND + "/msteams/a:noor").answers()).isEmpty();
    }

    @Test
    void sendersTheChannelDoesNotVouchForAreToldWhyAndNothingIsKept() {
        TestAdapter webChat = adapter("webchat", "dl:forged", "aad-of-a-colleague", TENANT);
        flow(webChat).send("take the survey").assertReply(text(wording("survey.teamsOnly")).andThen(menuCard()))
                .send(button(webChat, "start")).assertReply(text(wording("survey.teamsOnly")).andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();

        TestAdapter noObjectId = adapter("msteams", "a:guest", null, TENANT);
        flow(noObjectId).send(button(noObjectId, "start")).assertReply(text(wording("survey.teamsOnly")).andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();

        TestAdapter otherTenant = adapter("msteams", "a:visitor", "aad-visitor", "another-organisation");
        flow(otherTenant).send("take the survey").assertReply(text(wording("survey.otherOrganisation")).andThen(menuCard()))
                .send(button(otherTenant, "start")).assertReply(text(wording("survey.otherOrganisation")).andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(store.progress).isEmpty();
        assertThat(store.tokens).isEmpty();
        assertThat(store.counters).isEmpty();
    }

    @Test
    void inALocalTrialAnyChannelWithCardsMayAnswerAndTheTokenSaysItIsATrialId() throws IOException {
        senders = Senders.trial();
        bot(PULSE);
        TestAdapter webChat = adapter("webchat", "a:web", null, null);
        answerAll(webChat).send(button(webChat, "submit")).assertReply(text("Thank you.").andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.tokens.get(ROUND)).containsExactly(tokens.token("trial:webchat:user", ROUND));
    }

    @Test
    void aClickThatLosesARaceChangesNothingAndShowsWhereThePersonIs() {
        TestAdapter adapter = teams("a:ray", "aad-ray");
        String key = ROUND + "/msteams/a:ray";
        started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "agree")).assertReply(question("Question 2 of 3"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        // another click, on another instance, saves first after this one has read the record
        store.beforeNextSave = () -> store.progress.put(key,
                store.progress.get(key).answer("witnessed", "yes").at("elsewhere"));
        new TestFlow(adapter, bot::onTurn)
                .send(answer(adapter, "witnessed", "no"))
                .assertReply(text("That card is out of date").andThen(question("Question 3 of 3")))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress.get(key).answers()).containsEntry("witnessed", "yes");

        // and a submit that got there first is never undone by a late save
        store.beforeNextSave = () -> store.progress.remove(key);
        new TestFlow(adapter, bot::onTurn)
                .send(answer(adapter, "role", "manager"))
                .assertReply(text("Your unfinished answers have expired").andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress).isEmpty();
    }

    @Test
    void aCrisisMessageMidSurveyBringsTheUrgentCardAtOnceAndThePersonKeepsTheirPlace() {
        TestAdapter adapter = teams("a:robin", "aad-robin");
        flow(adapter).send("take the survey").assertReply(cardContaining("Before you start"))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "disagree")).assertReply(question("Question 2 of 3"))
                .send("I can't go on, I want to end it all")
                .assertReply(cardContaining("You don't have to face this alone", "999", "Samaritans", "116 123",
                        "Breathing Space", "NHS 24", "111", "Shout", "85258"))
                // words in crisis are not routed, even when they would read as a request to cancel
                .send("I want to stop")
                .assertReply(cardContaining("You don't have to face this alone"))
                .send(answer(adapter, "witnessed", "yes")).assertReply(question("Question 3 of 3"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress.get(ROUND + "/msteams/a:robin").answers())
                .containsEntry("open-culture", "disagree").containsEntry("witnessed", "yes");
    }

    @Test
    void freeTextIsReducedToThemesOnArrivalAndTheWordsGoNoFurther() throws IOException {
        bot(FREE_TEXT_FIRST);
        TestAdapter adapter = teams("a:dana", "aad-dana");
        String words = "We are always short staffed and people joke about breakdowns";
        flow(adapter).send("take the survey").assertReply(cardContaining("Before you start"))
                .send(button(adapter, "start"))
                .assertReply(question("Question 1 of 2", "Input.Text", "Your words are not kept"))
                .send(freeText(adapter, "anything-else", words)).assertReply(question("Question 2 of 2"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        SurveyProgress saved = store.progress.get(ROUND + "/msteams/a:dana");
        assertThat(saved.answers()).containsExactly(Map.entry("anything-else", "workload,stigma"));
        assertThat(saved.toString()).doesNotContain("short staffed", "breakdowns");

        new TestFlow(adapter, bot::onTurn)
                .send(answer(adapter, "workload", "agree")).assertReply(cardContaining("2 answers"))
                .send(button(adapter, "submit")).assertReply(text(wording("survey.receipt", Map.of("count", "2"))))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.count(ROUND, "all", "anything-else:workload")).isEqualTo(1);
        assertThat(store.count(ROUND, "all", "anything-else:stigma")).isEqualTo(1);
        assertThat(store.counters.toString()).doesNotContain("short staffed");

        TestAdapter another = teams("a:eli", "aad-eli");
        flow(another).send("take the survey").assertReply(cardContaining("Before you start"))
                .send(button(another, "start")).assertReply(question("Question 1 of 2"))
                .send(freeText(another, "anything-else", "I can't go on, I want to end it all"))
                .assertReply(cardContaining("You don't have to face this alone", "116 123"))
                .assertReply(question("Question 2 of 2"))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress.get(ROUND + "/msteams/a:eli").answers()).containsEntry("anything-else", "other");
    }

    @Test
    void typingCancelEndsTheSurveyAndSaysWhenThereIsNothingToCancel() {
        TestAdapter adapter = teams("a:quinn", "aad-quinn");
        flow(adapter).send("cancel")
                .assertReply(text("There is nothing to cancel.").andThen(menuCard()))
                .send("take the survey").assertReply(cardContaining("Before you start"))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send("stop the survey")
                .assertReply(text("The survey is cancelled and nothing was counted.").andThen(menuCard()))
                .startTest().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(store.progress).isEmpty();
        assertThat(store.counters).isEmpty();
    }

    static Consumer<Activity> plain(String... texts) {
        return activity -> {
            assertThat(activity.getAttachments()).isNullOrEmpty();
            assertThat(activity.getText()).contains(texts);
        };
    }

    private TestFlow answerAll(TestAdapter adapter) {
        return started(adapter, flow(adapter).send("take the survey").assertReply(cardContaining("Before you start")))
                .send(button(adapter, "start")).assertReply(question("Question 1 of 3"))
                .send(answer(adapter, "open-culture", "agree")).assertReply(question("Question 2 of 3"))
                .send(answer(adapter, "witnessed", "yes")).assertReply(question("Question 3 of 3"))
                .send(answer(adapter, "role", "not-manager")).assertReply(cardContaining("last question"));
    }

    /** The very first message of a conversation is preceded by the support card. */
    private static TestFlow started(TestAdapter adapter, TestFlow flow) {
        return flow;
    }

    private TestFlow flow(TestAdapter adapter) {
        return new TestFlow(adapter, bot::onTurn).send("hello")
                .assertReply(cardContaining("Where to get support"))
                .assertReply(text("Hello").andThen(cardContaining("Take the staff survey")));
    }

    private static TestAdapter teams(String conversationId, String aadObjectId) {
        return adapter("msteams", conversationId, aadObjectId, TENANT);
    }

    private static TestAdapter adapter(String channel, String conversationId, String aadObjectId, String tenant) {
        ConversationReference reference = TestAdapter.createConversationReference(conversationId, "user", "bot");
        reference.setChannelId(channel);
        reference.getConversation().setConversationType("personal");
        reference.getConversation().setTenantId(tenant);
        ChannelAccount user = new ChannelAccount(aadObjectId == null ? "user" : "29:" + aadObjectId, "A Person");
        user.setAadObjectId(aadObjectId);
        reference.setUser(user);
        return new TestAdapter(reference);
    }

    private String wording(String key) {
        return new Messages(ContentFolder.shipped()).wording(null).text(key);
    }

    private String wording(String key, Map<String, String> values) {
        return new Messages(ContentFolder.shipped()).wording(null).text(key, values);
    }

    private static Activity button(TestAdapter adapter, String step) {
        return button(adapter, step, Map.of());
    }

    private static Activity button(TestAdapter adapter, String step, Map<String, String> more) {
        Map<String, String> value = new HashMap<>(Map.of("signpost", "survey", "step", step, "round", ROUND));
        value.putAll(more);
        Activity activity = adapter.makeActivity();
        activity.setText(null);
        activity.setValue(value);
        return activity;
    }

    private static Activity answer(TestAdapter adapter, String question, String option) {
        Map<String, String> more = new HashMap<>(Map.of("question", question));
        if (option != null) {
            more.put("answer", option);
        }
        return button(adapter, "answer", more);
    }

    private static Activity freeText(TestAdapter adapter, String question, String text) {
        return button(adapter, "answer", Map.of("question", question, "freeText", text));
    }

    static Consumer<Activity> question(String... texts) {
        return activity -> {
            assertThat(card(activity)).contains(texts).contains("Input.", "Cancel the survey");
        };
    }

    static Consumer<Activity> menuCard() {
        return cardContaining("What would you like to do?");
    }

    static Consumer<Activity> cardContaining(String... texts) {
        return activity -> assertThat(card(activity)).contains(texts);
    }

    static Consumer<Activity> text(String start) {
        return activity -> assertThat(activity.getText()).startsWith(start);
    }

    /** The message's cards, one under the other (words above them are {@link #text}). */
    private static String card(Activity activity) {
        assertThat(activity.getAttachments()).as("a card, got text: %s", activity.getText()).isNotEmpty();
        return activity.getAttachments().stream().map(card -> card.getContent().toString())
                .collect(Collectors.joining("\n"));
    }
}
