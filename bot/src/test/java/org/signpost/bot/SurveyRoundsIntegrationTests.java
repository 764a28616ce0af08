package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.kernel.MutableClock;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.RoundRegistry;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import redis.clients.jedis.UnifiedJedis;

/** Instances share one Redis and no state of their own; closing a round is final. */
class SurveyRoundsIntegrationTests {

    static final String ROUND = "pulse-2026";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");

    @TempDir
    static Path folder;
    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClass();
    static UnifiedJedis redis;
    static FakeConnector connector;

    @BeforeAll
    static void start() {
        redis = server.client();
        connector = new FakeConnector();
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Test
    void twoInstancesShareConversationsAndCountADoubleSubmitOnceThenClosingIsFinal() throws Exception {
        Activities person = new Activities(connector.serviceUrl(), "29:pat", "Pat", "aad-pat");
        String conversation = "a:two-instances";
        try (ConfigurableApplicationContext first = instance("open");
                ConfigurableApplicationContext second = instance("open")) {
            Endpoint one = endpoint(first);
            Endpoint two = endpoint(second);
            one.post(person.message(conversation, "take the survey"));
            two.post(person.button(conversation, SurveyRespondent.step(ROUND, "start")));
            int index = 0;
            for (SurveyDefinition.Question question : SURVEY.questions()) {
                Map<String, String> click = SurveyRespondent.step(ROUND, "answer");
                click.put("question", question.id());
                click.put("answer", question.optionIds().get(0));
                // every other turn lands on the other instance
                assertThat((index++ % 2 == 0 ? one : two).post(person.button(conversation, click)).statusCode())
                        .isEqualTo(200);
            }

            List<Callable<Integer>> clicks = new ArrayList<>();
            for (Endpoint endpoint : List.of(one, two, one, two)) {
                clicks.add(() -> endpoint.post(person.button(conversation, SurveyRespondent.step(ROUND, "submit")))
                        .statusCode());
            }
            ExecutorService pool = Executors.newFixedThreadPool(clicks.size());
            try {
                for (Future<Integer> status : pool.invokeAll(clicks)) {
                    assertThat(status.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
        }
        assertThat(redis.hget("signpost:agg:{" + ROUND + "}:all", "responses")).isEqualTo("1");
        assertThat(redis.hget("signpost:agg:{" + ROUND + "}:all", "workload:strongly-agree")).isEqualTo("1");
        assertThat(redis.hget("signpost:agg:{" + ROUND + "}:meta", "trial")).isEqualTo("1");
        List<String> texts = connector.sentTo(conversation).stream().map(FakeConnector.Sent::text).toList();
        assertThat(texts.stream().filter(text -> text.startsWith("Thank you."))).hasSize(1);
        assertThat(texts.stream().filter(text -> text.startsWith("Your answers were already counted"))).hasSize(3);

        // no app id: a local trial, whose senders are not vouched for, and whose rounds say so
        String token = new RespondentTokens(TestKeys.TOKEN.getBytes(StandardCharsets.UTF_8))
                .token("trial:msteams:aad-pat", ROUND);
        assertThat(redis.sismember("signpost:resp:{" + ROUND + "}", token)).isTrue();

        try (ConfigurableApplicationContext closing = instance("closed")) {
            assertThat(redis.exists("signpost:resp:{" + ROUND + "}")).isFalse();
            assertThat(redis.hget("signpost:agg:{" + ROUND + "}:meta", "state")).isEqualTo("closed");
            assertThat(redis.hget("signpost:agg:{" + ROUND + "}:all", "responses")).isEqualTo("1");
        }
        TestRedis.awaitAppendOnlyRewrite(redis);
        assertThat(appendOnlyFile()).as("the tokens are gone from the disk too").doesNotContain(token);

        try (ConfigurableApplicationContext reopened = instance("open")) {
            String later = "a:after-close";
            endpoint(reopened).post(person.message(later, "take the survey"));
            List<FakeConnector.Sent> sent = connector.sentTo(later);
            assertThat(sent.stream().map(FakeConnector.Sent::text)).contains("There is no survey open at the moment.");
            assertThat(sent.get(sent.size() - 1).cardText()).doesNotContain("Take the staff survey");
            assertThat(redis.hget("signpost:agg:{" + ROUND + "}:meta", "state")).isEqualTo("closed");
        }
    }

    /** Both instances' clock, which only the test moves. */
    static final MutableClock CLOCK = new MutableClock();

    @Configuration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        MutableClock movedClock() {
            return CLOCK;
        }
    }

    @Test
    void aRoundClosedOnAnotherInstanceIsSeenByTheNextClickAtOnceAndByTheMenuWithinAMoment() {
        String round = "reuse-2026";
        String prefix = "reuse:";
        Activities person = new Activities(connector.serviceUrl(), "29:sam", "Sam", "aad-sam");
        Activities other = new Activities(connector.serviceUrl(), "29:kim", "Kim", "aad-kim");
        String conversation = "a:reuse-sam";
        try (ConfigurableApplicationContext first = instanceWithTheClock(round, prefix);
                ConfigurableApplicationContext second = instanceWithTheClock(round, prefix)) {
            Endpoint one = endpoint(first);
            Endpoint two = endpoint(second);
            one.post(person.message(conversation, "take the survey"));
            one.post(person.button(conversation, SurveyRespondent.step(round, "start")));
            for (SurveyDefinition.Question question : SURVEY.questions()) {
                Map<String, String> click = SurveyRespondent.step(round, "answer");
                click.put("question", question.id());
                click.put("answer", question.optionIds().get(0));
                assertThat(one.post(person.button(conversation, click)).statusCode()).isEqualTo(200);
            }
            // the first instance has read the round open a moment ago; HR closes it on the second
            assertThat(second.getBean(RoundRegistry.class).close(round).done()).isTrue();
            two.post(other.message("a:reuse-kim", "bananas and rockets"));
            assertThat(lastCard("a:reuse-kim")).as("the closing instance's menu, at once")
                    .doesNotContain("Take the staff survey");

            // the first instance's menu may offer it for the moment; whoever wants it is told at once
            one.post(other.message("a:reuse-kim", "bananas and rockets"));
            assertThat(lastCard("a:reuse-kim")).as("within the moment").contains("Take the staff survey");
            one.post(person.button(conversation, SurveyRespondent.step(round, "submit")));
            assertThat(connector.sentTo(conversation).stream().map(FakeConnector.Sent::text))
                    .contains(CLOSED);
            assertThat(redis.hget(prefix + "agg:{" + round + "}:all", "responses")).isEqualTo("0");
            assertThat(redis.hget(prefix + "agg:{" + round + "}:meta", "submissions")).isEqualTo("0");
            one.post(person.message("a:reuse-sam-later", "take the survey"));
            assertThat(connector.sentTo("a:reuse-sam-later").stream().map(FakeConnector.Sent::text))
                    .contains("There is no survey open at the moment.");

            CLOCK.advance(Duration.ofSeconds(1));
            one.post(other.message("a:reuse-kim", "bananas and rockets"));
            assertThat(lastCard("a:reuse-kim")).as("after the moment").doesNotContain("Take the staff survey");
        }
    }

    static final String CLOSED = "This survey round has closed, so nothing more will be counted. Any answers you had "
            + "not submitted have been deleted.";

    /**
     * Three people are part way through when HR closes the round; each then clicks: an answer, Skip, Submit. Each
     * is told at once that the round has closed; nothing of theirs is held any more (neither their answers nor
     * the pointer to their survey in progress), and no counter changed.
     */
    @Test
    void aClickAfterTheRoundClosedIsToldAtOnceAndNothingOfItIsKeptOrCounted() {
        String round = "late-2026";
        String prefix = "late:";
        try (ConfigurableApplicationContext app = instanceWithTheClock(round, prefix)) {
            Endpoint endpoint = endpoint(app);
            SurveyDefinition.Question first = SURVEY.questions().get(0);
            SurveyDefinition.Question second = SURVEY.questions().get(1);
            Map<String, Map<String, String>> nextClicks = new java.util.LinkedHashMap<>();
            for (String verb : List.of("answer", "skip")) {
                Activities person = new Activities(connector.serviceUrl(), "29:late-" + verb, "Late", "aad-late-" + verb);
                String conversation = "a:late-" + verb;
                endpoint.post(person.message(conversation, "take the survey"));
                endpoint.post(person.button(conversation, SurveyRespondent.step(round, "start")));
                Map<String, String> click = SurveyRespondent.step(round, "answer");
                click.put("question", first.id());
                click.put("answer", first.optionIds().get(0));
                endpoint.post(person.button(conversation, click));
                Map<String, String> next = SurveyRespondent.step(round, verb);
                next.put("question", second.id());
                if (verb.equals("answer")) {
                    next.put("answer", second.optionIds().get(0));
                }
                nextClicks.put(verb, next);
            }
            new SurveyRespondent(endpoint, new Activities(connector.serviceUrl(), "29:late-submit", "Late",
                    "aad-late-submit"), "a:late-submit").prepare(round, SURVEY, Map.of(first.id(), "agree"));
            nextClicks.put("submit", SurveyRespondent.step(round, "submit"));
            assertThat(redis.keys(prefix + "progress:{" + round + "}:*")).hasSize(3);
            assertThat(redis.keys(prefix + "conv:*:flow")).hasSize(3);

            assertThat(app.getBean(RoundRegistry.class).close(round).done()).isTrue();
            assertThat(redis.keys(prefix + "progress:{" + round + "}:*")).as("deleted as the round closes").isEmpty();

            nextClicks.forEach((verb, click) -> {
                String conversation = "a:late-" + verb;
                Activities person = new Activities(connector.serviceUrl(), "29:late-" + verb, "Late", "aad-late-" + verb);
                assertThat(endpoint.post(person.button(conversation, click)).statusCode()).isEqualTo(200);
                List<FakeConnector.Sent> sent = connector.sentTo(conversation);
                assertThat(sent.get(sent.size() - 1).text()).as(verb).isEqualTo(CLOSED);
            });
            assertThat(redis.keys(prefix + "progress:*")).isEmpty();
            assertThat(redis.keys(prefix + "conv:*:flow")).as("no survey in progress is pointed at").isEmpty();
            assertThat(redis.hget(prefix + "agg:{" + round + "}:all", "responses")).isEqualTo("0");
            assertThat(redis.hget(prefix + "agg:{" + round + "}:meta", "submissions")).isEqualTo("0");
        }
    }

    @Test
    void anIncompatibleEditOfAnOpenRoundsSurveyStopsStartUp() throws IOException {
        String round = "edit-2026";
        try (ConfigurableApplicationContext opened = instance("open", round, null)) {
            assertThat(redis.hget("signpost:agg:{" + round + "}:meta", "state")).isEqualTo("open");
        }
        Path content = folder.resolve("content");
        Files.createDirectories(content.resolve("surveys"));
        String shipped = new String(getClass().getResourceAsStream("/content/surveys/staff-survey.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        // an option removed from a question while the round is open
        Files.writeString(content.resolve("surveys/staff-survey.yaml"),
                shipped.replace("      - id: not-sure\n        text:\n          en-GB: Not sure\n", ""));

        assertThatThrownBy(() -> instance("open", round, content).close())
                .hasStackTraceContaining("changed its questions or options while round " + round + " is open");
        assertThat(redis.hget("signpost:agg:{" + round + "}:meta", "state")).isEqualTo("open");
    }

    private ConfigurableApplicationContext instance(String state) {
        return instance(state, ROUND, null);
    }

    private ConfigurableApplicationContext instance(String state, String round, Path content) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--signpost.redis.url=" + server.url(),
                "--signpost.redis.data-folder=" + folder.resolve("unused"),
                "--signpost.survey.rounds[0].id=" + round,
                "--signpost.survey.rounds[0].survey=staff-survey",
                "--signpost.survey.rounds[0].state=" + state));
        args.addAll(TestKeys.arguments());
        if (content != null) {
            args.add("--signpost.conversation.content-folder=" + content);
        }
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }

    private static String lastCard(String conversation) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        return sent.get(sent.size() - 1).cardText();
    }

    private ConfigurableApplicationContext instanceWithTheClock(String round, String prefix) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--signpost.redis.url=" + server.url(),
                "--signpost.redis.key-prefix=" + prefix,
                "--signpost.redis.data-folder=" + folder.resolve("unused"),
                "--signpost.survey.rounds[0].id=" + round,
                "--signpost.survey.rounds[0].survey=staff-survey",
                "--signpost.survey.rounds[0].state=open"));
        args.addAll(TestKeys.arguments());
        return new SpringApplicationBuilder(SignpostApplication.class, SharedClock.class).run(args.toArray(String[]::new));
    }

    private static Endpoint endpoint(ConfigurableApplicationContext context) {
        return new Endpoint(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static String appendOnlyFile() throws IOException {
        return Files.readString(server.dataFolder().resolve("signpost.aof"), StandardCharsets.ISO_8859_1);
    }

}
