package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.SurveyRespondent;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * With an app id, every request carries a Bot Framework token, but a Web Chat or Direct Line client
 * chooses its own {@code from}: only Teams vouches for who is speaking, and only for its own tenants. So
 * the survey counts Teams senders with an Entra object id from an allowed tenant, and nobody else, and
 * takes answers only from the card: typed text is never one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveySendersIntegrationTests {

    static final String APP_ID = "00000000-0000-0000-0000-0000000005e7";
    /** The tenant {@link Activities} puts in every Teams activity. */
    static final String TENANT = "tenant-1";
    static final String ROUND = "staff-2026";
    static final String TOKEN_KEY = "a-token-key-for-tests-only-0123456789ab";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final Path work = tempFolder();
    static final LocalIdentityProvider identity = LocalIdentityProvider.start(work);
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("MicrosoftAppId", () -> APP_ID);
        registry.add("MicrosoftAppPassword", () -> "app-secret");
        registry.add("MicrosoftAppTenantId", () -> TENANT);
        registry.add("BotOpenIdMetadata", identity::openIdMetadataUrl);
        registry.add("signpost.trust.login-authority", identity::loginAuthority);
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
        registry.add("signpost.keys.sealing-key", () -> "a-sealing-key-for-tests-only-0123456789");
        registry.add("signpost.survey.token-secret", () -> TOKEN_KEY);
        registry.add("signpost.survey.rounds[0].id", () -> ROUND);
        registry.add("signpost.survey.rounds[0].survey", () -> "staff-survey");
        registry.add("signpost.roles.hr", () -> "aad-colleague");
    }

    @AfterAll
    static void stop() {
        identity.close();
        connector.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UnifiedJedis redis;

    /** The colleague the forgers pretend to be. */
    private final Activities colleague = new Activities(connector.serviceUrl(), "29:colleague", "Col League",
            "aad-colleague");

    @Test
    void forgedSendersAndOtherTenantsAreToldWhyAndNothingIsKeptWhileTheRealColleagueIsCounted() {
        // Web Chat and Direct Line clients claiming the colleague's Entra object id or channel id
        assertRefused(asWebChat(colleague.message("dl-forged-1", "take the survey"), "webchat"), "survey.teamsOnly");
        assertRefused(asWebChat(colleague.button("dl-forged-1", SurveyRespondent.step(ROUND, "start")), "webchat"),
                "survey.teamsOnly");
        ObjectNode directLine = asWebChat(colleague.button("dl-forged-2", SurveyRespondent.step(ROUND, "start")),
                "directline");
        directLine.with("from").remove("aadObjectId");
        assertRefused(directLine, "survey.teamsOnly");
        assertRefused(asWebChat(colleague.button("dl-forged-1", SurveyRespondent.step(ROUND, "submit")), "webchat"),
                "survey.teamsOnly");

        // Teams, but another organisation's tenant, or two tenants that disagree
        Activities visitor = new Activities(connector.serviceUrl(), "29:visitor", "Visitor", "aad-visitor");
        assertRefused(inTenant(visitor.message("a:visitor", "take the survey"), "another-tenant", "another-tenant"),
                "survey.otherOrganisation");
        assertRefused(inTenant(visitor.button("a:visitor", SurveyRespondent.step(ROUND, "start")), TENANT,
                "another-tenant"), "survey.otherOrganisation");
        // Teams without an Entra object id
        ObjectNode guest = colleague.button("a:guest", SurveyRespondent.step(ROUND, "start"));
        guest.with("from").remove("aadObjectId");
        assertRefused(guest, "survey.teamsOnly");

        assertThat(redis.keys("signpost:progress:*")).isEmpty();
        assertThat(redis.exists("signpost:resp:{" + ROUND + "}")).isFalse();
        assertThat(redis.hget("signpost:agg:{" + ROUND + "}:all", "responses")).isEqualTo("0");

        // the real colleague, in Teams: a typed answer ("agree") is never an answer, "help" on the free-text question
        // shows support and keeps the place, and the survey counts them once, by their own id
        String conversation = "a:colleague";
        post(colleague.message(conversation, "take the survey"));
        assertThat(lastCard(conversation)).contains("Before you start");
        post(colleague.button(conversation, SurveyRespondent.step(ROUND, "start")));
        int freeText = SURVEY.indexOf("anything-else");
        for (SurveyDefinition.Question question : SURVEY.questions().subList(0, freeText)) {
            post(colleague.message(conversation, "agree"));
            assertThat(texts(conversation)).last()
                    .isEqualTo(pointedBackToTheCard(conversation, SURVEY.indexOf(question.id()) + 1));
            Map<String, String> click = SurveyRespondent.step(ROUND, "answer");
            click.put("question", question.id());
            click.put("answer", question.optionIds().get(0));
            post(colleague.button(conversation, click));
        }
        assertThat(lastCard(conversation)).contains("Question " + (freeText + 1) + " of", "Input.Text");
        int before = connector.sentTo(conversation).size();
        post(colleague.message(conversation, "help"));
        List<FakeConnector.Sent> help = connector.sentTo(conversation).subList(before, connector.sentTo(conversation).size());
        assertThat(help).as("the support card with the menu under it, one message").hasSize(1);
        assertThat(help.get(0).cardText()).contains(WORDING.text("support.title"), WORDING.text("menu.title"));
        post(colleague.message(conversation, "take the survey"));
        assertThat(lastCard(conversation)).as("the survey kept its place")
                .contains("Question " + (freeText + 1) + " of", "Input.Text");
        for (SurveyDefinition.Question question : SURVEY.questions().subList(freeText, SURVEY.size())) {
            Map<String, String> click = SurveyRespondent.step(ROUND, "skip");
            click.put("question", question.id());
            post(colleague.button(conversation, click));
        }
        post(colleague.button(conversation, SurveyRespondent.step(ROUND, "submit")));
        assertThat(texts(conversation)).anyMatch(text -> text.startsWith("Thank you. " + freeText + " answers"));

        String token = new RespondentTokens(TOKEN_KEY.getBytes(StandardCharsets.UTF_8)).token("aad:aad-colleague", ROUND);
        assertThat(redis.smembers("signpost:resp:{" + ROUND + "}")).isEqualTo(Set.of(token));
        assertThat(redis.hget("signpost:agg:{" + ROUND + "}:all", "responses")).isEqualTo("1");
        assertThat(redis.hexists("signpost:agg:{" + ROUND + "}:meta", "trial")).as("vouched, not trial data").isFalse();
        assertThat(redis.keys("signpost:progress:*")).isEmpty();

        // and now a forger can neither answer nor learn that the colleague took part
        assertRefused(asWebChat(colleague.message("dl-forged-3", "take the survey"), "webchat"), "survey.teamsOnly");
    }

    @Test
    void aForgedSenderIsNotHrEvenWithHrsObjectId() {
        // the colleague is HR too: in Teams they get the results summary, a Web Chat client claiming their id does not
        post(asWebChat(colleague.message("dl-forged-hr", "hello"), "webchat"));
        post(asWebChat(colleague.message("dl-forged-hr", "results"), "webchat"));
        // not HR: "results" gets what stands in for it for anyone else, the privacy statement (everyone's)
        assertThat(connector.sentTo("dl-forged-hr").get(connector.sentTo("dl-forged-hr").size() - 1).cardText())
                .contains(WORDING.text("privacy.body").substring(0, 40));
        assertThat(connector.sentTo("dl-forged-hr").stream().map(FakeConnector.Sent::cardText))
                .noneMatch(card -> card.contains(WORDING.text("menu.results")) || card.contains("results of round"));

        post(colleague.message("a:colleague-hr", "hello"));
        post(colleague.message("a:colleague-hr", "results"));
        assertThat(texts("a:colleague-hr")).doesNotContain(WORDING.text("notUnderstood"));
        assertThat(connector.sentTo("a:colleague-hr").stream().map(FakeConnector.Sent::cardText))
                .anyMatch(card -> card.contains(WORDING.text("menu.results")));
    }

    private void assertRefused(ObjectNode activity, String wordingKey) {
        String conversation = activity.path("conversation").path("id").asText();
        int before = connector.sentTo(conversation).size();
        post(activity);
        List<String> replies = connector.sentTo(conversation).subList(before, connector.sentTo(conversation).size())
                .stream().map(FakeConnector.Sent::text).toList();
        assertThat(replies).as("passed the token check, refused by the survey").contains(WORDING.text(wordingKey));
    }

    private String pointedBackToTheCard(String conversation, int question) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        // one message: the words, with the question's card under them again (not the menu)
        assertThat(sent.get(sent.size() - 1).cardText()).contains("Question " + question + " of")
                .doesNotContain(WORDING.text("menu.title"));
        assertThat(sent.get(sent.size() - 1).text()).isEqualTo(WORDING.text("flow.typedAnswer"));
        return sent.get(sent.size() - 1).text();
    }

    private void post(ObjectNode activity) {
        String token = identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
        assertThat(new Endpoint(port).post(activity.toString(), "Bearer " + token).statusCode()).isEqualTo(200);
    }

    /** What a Web Chat or Direct Line client sends: its own channel, no Teams tenant. */
    private static ObjectNode asWebChat(ObjectNode activity, String channel) {
        activity.put("channelId", channel);
        activity.with("conversation").remove("tenantId");
        activity.with("conversation").remove("conversationType");
        activity.remove("channelData");
        return activity;
    }

    private static ObjectNode inTenant(ObjectNode activity, String conversationTenant, String channelDataTenant) {
        activity.with("conversation").put("tenantId", conversationTenant);
        activity.with("channelData").with("tenant").put("id", channelDataTenant);
        return activity;
    }

    private String lastCard(String conversation) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        return sent.get(sent.size() - 1).cardText();
    }

    private List<String> texts(String conversation) {
        return connector.sentTo(conversation).stream().map(FakeConnector.Sent::text).toList();
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("signpost-senders");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
