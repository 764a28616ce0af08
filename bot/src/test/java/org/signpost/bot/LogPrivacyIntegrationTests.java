package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWTCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.messaging.LocalIdentityProvider;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SignUp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Nothing personal in the logs at any level: with every logger at TRACE (the web server, Spring, the Bot
 * Framework SDK, OkHttp, MSAL, Jedis and OpenNLP included), canary identifiers, names, message text and
 * tokens go through every path, as a local trial and with an app id and signed tokens, and none of them
 * may appear in what was logged; nor may a line break someone else chose.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyIntegrationTests {

    static final String USER_ID = "29:canary-user-7f3a";
    static final String NAME = "Canary Person Qxv";
    static final String AAD_ID = "aad-canary-9b2c";
    static final String TEXT = "canary-text-e8f1 nobody knows how I feel";
    static final String CONVERSATION = "a:canary-conv-51d";
    static final String ACTIVITY_ID = "canary-activity-0c4e";
    static final String HEADER = "canary-header-77aa";
    static final String KEY_ID = "canary-kid-3d1";
    static final String APP_ID = "00000000-0000-0000-0000-0000000ca9a7";
    static final String APP_PASSWORD = "canary-app-password-5b0";
    static final String FORGED_LINE = "ERROR a line the canary-forger wrote";
    static final String CONTACT = "canary-contact-44e@example.org";
    /** What the connector's member lookup gives as the person's Teams profile address. */
    static final String MAIL = "canary-mail-6d2@example.org";
    static final String UPN = "canary-upn-1f9@example.org";
    static final List<String> CANARIES = List.of("canary-user-7f3a", NAME, AAD_ID, "canary-text-e8f1", CONTACT,
            "canary-mail-6d2", "canary-upn-1f9",
            "canary-conv-51d", ACTIVITY_ID, HEADER, KEY_ID, APP_PASSWORD, "canary-forger",
            LocalIdentityProvider.OUTBOUND_TOKEN);

    @TempDir
    Path folder;

    @Test
    void inALocalTrial(CapturedOutput output) {
        FakeConnector connector = new FakeConnector();
        try (ConfigurableApplicationContext app = start(List.of())) {
            Endpoint endpoint = endpoint(app);
            Activities teams = new Activities(connector.serviceUrl(), USER_ID, NAME, AAD_ID);
            everyPath(app, endpoint, teams, connector, "trial", List.of());

            // a web page elsewhere, and DNS rebinding, quoting the canaries
            assertThat(endpoint.postWithHeaders(withCanaryIds(teams.message(CONVERSATION, TEXT)).toString(),
                    Map.of("Origin", "http://" + HEADER + ".example")).statusCode()).isEqualTo(403);
            assertThat(endpoint.postWithHost(HEADER + ".example", withCanaryIds(teams.message(CONVERSATION, TEXT))
                    .toString())).isEqualTo(403);
        } finally {
            connector.close();
        }
        assertNothingPersonal(output.getAll(), List.of());
    }

    @Test
    void withAnAppIdAndSignedTokens(CapturedOutput output) {
        FakeConnector connector = new FakeConnector();
        LocalIdentityProvider identity = LocalIdentityProvider.start(folder);
        List<String> tokens = new ArrayList<>();
        try (ConfigurableApplicationContext app = start(List.of("--MicrosoftAppId=" + APP_ID,
                "--MicrosoftAppPassword=" + APP_PASSWORD, "--MicrosoftAppTenantId=canary-tenant-not-a-secret",
                "--MicrosoftAppType=SingleTenant", "--BotOpenIdMetadata=" + identity.openIdMetadataUrl(),
                "--signpost.trust.login-authority=" + identity.loginAuthority(),
                "--signpost.survey.rounds[0].id=canary-round", "--signpost.survey.rounds[0].survey=staff-survey",
                "--signpost.survey.rounds[0].state=open"))) {
            Endpoint endpoint = endpoint(app);
            Activities teams = new Activities(connector.serviceUrl(), USER_ID, NAME, AAD_ID);
            String token = identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
            tokens.add(token);
            List<JWTCreator.Builder> forged = List.of(
                    // a key id holding a line break and a forged log line
                    identity.channelToken(APP_ID, connector.serviceUrl()).withKeyId(KEY_ID + "\r\n" + FORGED_LINE),
                    // a well-formed key id nobody published (the SDK logs those)
                    identity.channelToken(APP_ID, connector.serviceUrl()).withKeyId(KEY_ID),
                    // claims quoting the canaries: audience, service URL, a skill's caller
                    identity.channelToken(TEXT, connector.serviceUrl()),
                    identity.channelToken(APP_ID, "https://" + HEADER + ".example/"),
                    identity.skillToken(APP_ID, NAME).withClaim("serviceurl", connector.serviceUrl()));
            everyPath(app, endpoint, teams, connector, "canary-round", List.of(token));

            for (JWTCreator.Builder claims : forged) {
                String forgedToken = identity.sign(claims);
                tokens.add(forgedToken);
                assertThat(endpoint.post(withCanaryIds(teams.message(CONVERSATION, TEXT)).toString(),
                        "Bearer " + forgedToken).statusCode()).isEqualTo(401);
            }
        } finally {
            connector.close();
            identity.close();
        }
        assertThat(output.getAll()).contains("Rejected an activity");
        assertNothingPersonal(output.getAll(), tokens);
    }

    /**
     * A normal conversation, a survey, malformed and refused requests, a failing connector and Redis
     * going down, all carrying the canaries (with a valid token for each activity when there are tokens).
     */
    private void everyPath(ConfigurableApplicationContext app, Endpoint endpoint, Activities teams,
            FakeConnector connector, String round, List<String> tokens) {
        Poster post = activity -> endpoint.postWithHeaders(withCanaryIds(activity).toString(), headers(tokens))
                .statusCode();

        // a normal conversation: install, first message, a menu choice, a group mention (and a crisis one)
        assertThat(post.send(teams.installationUpdate(CONVERSATION, "add"))).isEqualTo(200);
        assertThat(post.send(teams.message(CONVERSATION, TEXT))).isEqualTo(200);
        ObjectNode button = teams.message(CONVERSATION, null);
        button.putObject("value").put("signpost", "privacy").put("note", TEXT);
        assertThat(post.send(button)).isEqualTo(200);
        assertThat(post.send(teams.groupMention("19:canary-conv-51d@thread.v2", TEXT))).isEqualTo(200);
        assertThat(post.send(teams.groupMention("19:canary-conv-51d@thread.v2", TEXT + " I want to end my life")))
                .isEqualTo(200);
        assertThat(connector.sentTo(CONVERSATION)).isNotEmpty();

        // a survey: start, answers, a forged answer quoting the canary, typed text mid-survey, submit, again
        String survey = "a:canary-conv-51d-survey";
        post.send(teams.message(survey, "take the survey"));
        post.send(teams.button(survey, SurveyRespondent.step(round, "start")));
        Map<String, String> forgedAnswer = SurveyRespondent.step(round, "answer");
        forgedAnswer.put("question", "stigma-awareness");
        forgedAnswer.put("answer", TEXT);
        post.send(teams.button(survey, forgedAnswer));
        post.send(teams.message(survey, TEXT));
        for (String question : List.of("stigma-awareness", "talk-to-manager")) {
            Map<String, String> click = SurveyRespondent.step(round, "answer");
            click.put("question", question);
            click.put("answer", "agree");
            post.send(teams.button(survey, click));
        }
        post.send(teams.button(survey, SurveyRespondent.step(round, "submit")));
        post.send(teams.button(survey, SurveyRespondent.step(round, "cancel")));
        assertThat(connector.sentTo(survey)).hasSizeGreaterThan(3);

        // a focus-group sign-up on the waiting list, given a place (and told, in the personal chat) when the
        // person before withdraws; what is held about them; then withdrawn
        FocusGroups groups = app.getBean(FocusGroups.class);
        Session session = Session.draft("Canary session", Optional.empty(), LocalDateTime.now().plusDays(5),
                Duration.ofHours(1), "Room 1", 1, List.of("A", "B"), "C", List.of(), Session.DEFAULT_RETENTION).publish();
        groups.save(session);
        Address before = new Address("msteams", "29:someone-else");
        Address canary = new Address("msteams", USER_ID);
        groups.store().signUp(new Attendee(new SignUp(session.id(), "Someone", "someone@example.org", "consent-1",
                Instant.now()), before), true, Instant.now());
        assertThat(groups.store().signUp(new Attendee(new SignUp(session.id(), NAME, CONTACT, "consent-1", Instant.now()),
                canary), true, Instant.now())).isEqualTo(Placement.WAITING);
        int sentBefore = connector.sentTo(CONVERSATION).size();
        assertThat(groups.withdraw(session.id(), before).promoted()).isPresent();
        assertThat(connector.sentTo(CONVERSATION)).hasSizeGreaterThan(sentBefore);
        assertThat(groups.store().heldFor(canary)).hasSize(1);
        assertThat(groups.withdraw(session.id(), canary).removed()).isTrue();

        // and in chat: "focus groups", the statements, every consent, a session, what will be kept (the address
        // the connector's member lookup gives), sign up; what is held about them; withdraw by its button
        connector.member(USER_ID, Map.of("name", NAME, "email", MAIL, "userPrincipalName", UPN, "aadObjectId", AAD_ID));
        String focus = "a:canary-conv-51d-focus";
        post.send(teams.message(focus, "i'd like to join a focus group"));
        Map<String, String> click = new HashMap<>(Map.of("signpost", "focusgroup", "round", "open", "step", "start"));
        post.send(teams.button(focus, click));
        click.putAll(Map.of("step", "answer", "question", "sheet"));
        post.send(teams.button(focus, click));
        click.put("question", "consent");
        for (int i = 0; i < 5; i++) {
            click.put("consent." + i, "agree");
        }
        post.send(teams.button(focus, click));
        if (!tokens.isEmpty()) {
            // with an app id this tenant is not the employer's: refused, and nothing kept
            assertThat(groups.store().heldFor(new Address("msteams", USER_ID))).isEmpty();
        } else {
            String card = connector.sentTo(focus).get(connector.sentTo(focus).size() - 1).cardText();
            Matcher choice = Pattern.compile("\"value\":\"(s-[a-z0-9]+)\"").matcher(card);
            assertThat(choice.find()).as("a session to choose").isTrue();
            click.putAll(Map.of("question", "session", "answer", choice.group(1)));
            post.send(teams.button(focus, click));
            post.send(teams.button(focus, Map.of("signpost", "focusgroup", "round", "open", "step", "submit")));
            assertThat(groups.store().heldFor(new Address("msteams", USER_ID))).singleElement()
                    .satisfies(held -> assertThat(held.attendee().signUp().contact()).isEqualTo(MAIL));
            post.send(teams.message(focus, "what information do you hold about me"));
            post.send(teams.message(focus, "withdraw"));
            post.send(teams.button(focus, Map.of("signpost", "focusgroup-withdraw", "round", choice.group(1))));
            assertThat(groups.store().heldFor(new Address("msteams", USER_ID))).isEmpty();
        }

        // malformed bodies, and bodies of the wrong type, quoting the canaries
        assertThat(endpoint.post("{\"type\":\"message\",\"text\":\"" + TEXT + "\",\"from\":{\"id\":\"" + USER_ID,
                null).statusCode()).isEqualTo(400);
        assertThat(endpoint.post("{\"type\":\"message\",\"text\":\"" + TEXT + "\",\"from\":" + USER_ID + "}", null)
                .statusCode()).isEqualTo(400);
        assertThat(endpoint.postWithHeaders(teams.message(CONVERSATION, TEXT).toString(),
                Map.of("Content-Type", "text/plain; " + HEADER + "=" + NAME)).statusCode()).isEqualTo(415);

        // an error in a turn: the connector fails every send, the apology included
        String failing = FakeConnector.FAILING_PREFIX + "canary-conv-51d";
        assertThat(post.send(teams.message(failing, TEXT))).isEqualTo(500);

        // Redis down: readiness says so; the turn fails, the person still gets an apology with the support line
        // (in a chat this instance has not marked active a moment ago, so that the turn needs Redis)
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.management.port"));
        assertThat(readiness(port)).isEqualTo(200);
        shutDownRedis(app.getBean(UnifiedJedis.class));
        assertThat(readiness(port)).isEqualTo(503);
        String unmarked = CONVERSATION + "-unmarked";
        assertThat(post.send(teams.message(unmarked, TEXT))).isEqualTo(200);
        assertThat(connector.sentTo(unmarked).get(connector.sentTo(unmarked).size() - 1).text()).contains("116 123");
    }

    private static void assertNothingPersonal(String logged, List<String> tokens) {
        assertThat(logged).contains("A turn failed", "Could not process an activity");
        // TRACE really was on: Signpost's own and Spring's start-up wiring log there
        assertThat(logged).contains(" TRACE ");
        for (String canary : CANARIES) {
            assertThat(logged).as("the logs must not contain %s", canary).doesNotContain(canary);
        }
        assertThat(logged).as("the logs must not contain the app's keys").doesNotContain(TestKeys.SEALING, TestKeys.TOKEN);
        for (String token : tokens) {
            assertThat(logged).as("the logs must not contain a token").doesNotContain(token.split("\\.")[1]);
        }
        assertThat(logged.lines()).as("no line of the logs starts where someone else chose")
                .noneMatch(line -> line.startsWith("ERROR a line"));
    }

    private static ObjectNode withCanaryIds(ObjectNode activity) {
        activity.put("id", ACTIVITY_ID);
        activity.put("replyToId", ACTIVITY_ID);
        return activity;
    }

    /** Headers quoting the canaries (servers and clients log headers at TRACE), and the token if any. */
    private static Map<String, String> headers(List<String> tokens) {
        return tokens.isEmpty() ? Map.of("X-Canary", HEADER, "User-Agent", NAME)
                : Map.of("X-Canary", HEADER, "User-Agent", NAME, "Authorization", "Bearer " + tokens.get(0));
    }

    private ConfigurableApplicationContext start(List<String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0", "--logging.level.root=TRACE",
                "--signpost.redis.data-folder=" + folder.resolve("data")));
        args.addAll(settings);
        // with an app id the app's keys come from configuration; they are canaries too
        args.addAll(TestKeys.arguments());
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }

    private static Endpoint endpoint(ConfigurableApplicationContext app) {
        return new Endpoint(port(app));
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static int readiness(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void shutDownRedis(UnifiedJedis redis) {
        try {
            redis.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE");
        } catch (JedisConnectionException expected) {
            // the server closes the connection as it goes
        }
    }

    private interface Poster {
        int send(ObjectNode activity);
    }
}
