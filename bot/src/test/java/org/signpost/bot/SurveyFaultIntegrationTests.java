package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.RedisFaultProxy.Cut;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The connection to Redis breaks exactly while a submission is on its way: before Redis sees the
 * script, or after it ran with the reply lost. Either way the totals stay exact and the person is told
 * the truth: first that it may not have been saved, then, on retrying, what really happened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyFaultIntegrationTests {

    /** A line of the submit script only, so only the submission is cut. */
    static final String SUBMIT_SCRIPT = "redis.call('SADD', KEYS[2], ARGV[1])";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final Path folder = TestRedis.tempFolder("signpost-fault");
    static final EmbeddedRedis server = EmbeddedRedis.start(folder.resolve("redis"));
    static final RedisFaultProxy proxy = new RedisFaultProxy(server.port());
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("signpost.redis.url", () -> "redis://:" + server.password() + "@127.0.0.1:" + proxy.port());
        registry.add("signpost.redis.data-folder", () -> folder.resolve("app").toString());
        TestKeys.register(registry);
    }

    @AfterAll
    static void stop() {
        connector.close();
        proxy.close();
        server.close();
    }

    @LocalServerPort
    int port;

    @Test
    void cutBeforeRedisSeesTheSubmissionThenRetriedCountsItOnce() {
        long before = responses();
        long agreedBefore = count("workload:agree");
        String conversation = "a:cut-before";
        SurveyRespondent person = answerAllButSubmit(conversation, "aad-cut-before");
        int cuts = proxy.cuts();

        proxy.arm(Cut.BEFORE_FORWARDING, SUBMIT_SCRIPT);
        assertThat(person.submit("trial")).isEqualTo(200);
        assertThat(proxy.cuts()).isEqualTo(cuts + 1);
        assertThat(lastCard(conversation)).contains("may not have been saved", "Try submitting again");
        assertThat(responses()).isEqualTo(before);

        assertThat(person.submit("trial")).isEqualTo(200);
        assertThat(texts(conversation)).anyMatch(text -> text.startsWith("Thank you. 3 answers were added"));
        assertThat(responses()).isEqualTo(before + 1);
        assertThat(count("workload:agree")).isEqualTo(agreedBefore + 1);
    }

    @Test
    void cutAfterRedisRanTheSubmissionThenRetriedSaysAlreadyCounted() {
        long before = responses();
        String conversation = "a:cut-after";
        SurveyRespondent person = answerAllButSubmit(conversation, "aad-cut-after");
        int cuts = proxy.cuts();

        proxy.arm(Cut.AFTER_FORWARDING, SUBMIT_SCRIPT);
        assertThat(person.submit("trial")).isEqualTo(200);
        assertThat(proxy.cuts()).isEqualTo(cuts + 1);
        assertThat(lastCard(conversation)).contains("may not have been saved", "Try submitting again");
        assertThat(responses()).isEqualTo(before + 1);

        assertThat(person.submit("trial")).isEqualTo(200);
        assertThat(texts(conversation)).anyMatch(text -> text.startsWith("Your answers were already counted, once."));
        assertThat(responses()).isEqualTo(before + 1);
    }

    private SurveyRespondent answerAllButSubmit(String conversation, String aadObjectId) {
        Endpoint endpoint = new Endpoint(port);
        Activities activities = new Activities(connector.serviceUrl(), "29:" + aadObjectId, "Someone", aadObjectId);
        SurveyRespondent person = new SurveyRespondent(endpoint, activities, conversation);
        endpoint.post(activities.message(conversation, "take the survey"));
        endpoint.post(activities.button(conversation, SurveyRespondent.step("trial", "start")));
        for (SurveyDefinition.Question question : SURVEY.questions()) {
            Map<String, String> click = SurveyRespondent.step("trial", "skip");
            if (List.of("workload", "training", "role").contains(question.id())) {
                click.put("step", "answer");
                click.put("answer", question.id().equals("role") ? "manager" : "agree");
            }
            click.put("question", question.id());
            endpoint.post(activities.button(conversation, click));
        }
        return person;
    }

    private String lastCard(String conversation) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        return sent.get(sent.size() - 1).cardText();
    }

    private List<String> texts(String conversation) {
        return connector.sentTo(conversation).stream().map(FakeConnector.Sent::text).toList();
    }

    private long responses() {
        return count("responses");
    }

    private long count(String field) {
        try (UnifiedJedis redis = TestRedis.client(server)) {
            return Long.parseLong(redis.hget("signpost:agg:{trial}:all", field));
        }
    }

}
