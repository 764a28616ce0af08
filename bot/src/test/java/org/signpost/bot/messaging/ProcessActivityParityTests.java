package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.BotAdapter;
import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.integration.ConfigurationChannelProvider;
import com.microsoft.bot.integration.ConfigurationCredentialProvider;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.DeliveryModes;
import com.microsoft.bot.schema.ExpectedReplies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.signpost.bot.connector.ConnectorClients;
import org.signpost.bot.connector.ConnectorSettings;
import org.signpost.bot.connector.RetryInterceptor;
import org.signpost.bot.connector.RetryPolicy;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * SignpostAdapter runs a turn as the SDK's own adapter (4.14.3) does, only with a context the JVM need not
 * finalize: the same caller id, identity, OAuth scope, connector client and answer, closed the same way, for
 * each caller and channel service the SDK tells apart. The reference is the SDK's adapter made from the same
 * configuration. Nothing is sent: the connector clients are only made.
 */
class ProcessActivityParityTests {

    static final String APP_ID = "00000000-0000-0000-0000-0000000fa41f";
    static final String SERVICE_URL = "https://smba.trafficmanager.net/emea/";
    static final String GOVERNMENT = "https://botframework.azure.us";

    private final TurnSlots turns = new TurnSlots(new TurnSettings(1, 0, Duration.ofSeconds(10)),
            new SimpleMeterRegistry());
    private final ConnectorClients clients = new ConnectorClients(new ConnectorSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(8), 4, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            RetryInterceptor.realTime(RetryPolicy.none()));

    @Test
    void aChannelsTurn() {
        Observed turn = assertSameAsTheSdk(registration(null), channel(), message(), Function.identity());

        assertThat(turn.callerId()).isEqualTo("urn:botframework:azure");
        assertThat(turn.scope()).isEqualTo("https://api.botframework.com/.default");
        assertThat(turn.connector()).containsExactly(SERVICE_URL, APP_ID, "https://api.botframework.com/.default");
        assertThat(turn.answer()).isNull();
    }

    @Test
    void anotherBotsTurn() {
        Observed turn = assertSameAsTheSdk(registration(null), skill("another-bot"), message(), Function.identity());

        assertThat(turn.callerId()).isEqualTo("urn:botframework:aadappid:another-bot");
        assertThat(turn.scope()).isEqualTo("another-bot/.default");
        assertThat(turn.connector()).containsExactly(SERVICE_URL, APP_ID, "another-bot/.default");
    }

    @Test
    void aTrialsTurnWithTheIdentityTheSdksCheckGives() {
        Configuration trial = configuration(Map.of());
        ClaimsIdentity anonymous = JwtTokenValidation.authenticateRequest(message().apply(activity()), null,
                new ConfigurationCredentialProvider(trial), new ConfigurationChannelProvider(trial),
                new AuthenticationConfiguration()).join();

        Observed turn = assertSameAsTheSdk(new Registration(trial, new BotCredentials("", "", "", false)),
                anonymous, message(), Function.identity());

        assertThat(turn.callerId()).isNull();
    }

    @Test
    void aGovernmentChannelsTurn() {
        Observed turn = assertSameAsTheSdk(registration(GOVERNMENT), channel(), message(), Function.identity());

        assertThat(turn.callerId()).isEqualTo("urn:botframework:azureusgov");
        assertThat(turn.scope()).isEqualTo("https://api.botframework.us/.default");
    }

    @Test
    void anotherChannelServicesTurn() {
        Observed turn = assertSameAsTheSdk(registration("https://botframework.example"), channel(), message(),
                Function.identity());

        assertThat(turn.callerId()).isNull();
        assertThat(turn.scope()).isEqualTo("https://api.botframework.com/.default");
    }

    @Test
    void anInvokeIsAnsweredWithWhatTheBotSent() {
        Map<String, Object> body = Map.of("task", "done");
        Observed turn = assertSameAsTheSdk(registration(null), channel(), invoke(), bot -> context -> {
            Activity answer = new Activity(ActivityTypes.INVOKE_RESPONSE);
            answer.setValue(new InvokeResponse(200, body));
            return bot.invoke(context).thenCompose(recorded -> context.sendActivity(answer)).thenApply(sent -> null);
        });

        assertThat(turn.answer()).containsExactly(200, body);
    }

    @Test
    void anInvokeTheBotDidNotAnswerIsNotImplemented() {
        Observed turn = assertSameAsTheSdk(registration(null), channel(), invoke(), Function.identity());

        assertThat(turn.answer()).containsExactly(501, null);
    }

    @Test
    void expectRepliesIsAnsweredWithTheReplies() {
        Observed turn = assertSameAsTheSdk(registration(null), channel(), message().andThen(activity -> {
            activity.setDeliveryMode(DeliveryModes.EXPECT_REPLIES.toString());
            return activity;
        }), bot -> context -> bot.invoke(context)
                .thenCompose(recorded -> context.sendActivity(MessageFactory.text("first")))
                .thenCompose(sent -> context.sendActivity(MessageFactory.text("second")))
                .thenApply(sent -> null));

        assertThat(turn.answer()).containsExactly(200, List.of("first", "second"));
    }

    @Test
    void theContextIsOneTheJvmNeedNotFinalize() {
        AtomicReference<Class<?>> context = new AtomicReference<>();
        adapter(registration(null)).processActivity(channel(), message().apply(activity()), turn -> {
            context.set(turn.getClass());
            return CompletableFuture.completedFuture(null);
        }).join();

        assertThat(context.get()).isEqualTo(TurnContextWithoutFinalizer.class);
    }

    /** What a turn saw, and what the adapter answered; the same through both adapters. */
    record Observed(String callerId, Object identity, Object scope, List<String> connector, List<Object> answer,
            boolean closedWhatTheTurnStateHeld) {
    }

    record Registration(Configuration configuration, BotCredentials credentials) {
    }

    private Observed assertSameAsTheSdk(Registration registration, ClaimsIdentity identity,
            Function<Activity, Activity> kind, Function<BotCallbackHandler, BotCallbackHandler> bot) {
        Observed sdk = run(new BotFrameworkHttpAdapter(registration.configuration()), identity, kind, bot);
        Observed signpost = run(adapter(registration), identity, kind, bot);

        assertThat(signpost).isEqualTo(sdk);
        assertThat(signpost.identity()).isSameAs(identity);
        assertThat(signpost.closedWhatTheTurnStateHeld()).isTrue();
        return signpost;
    }

    private Observed run(BotFrameworkAdapter adapter, ClaimsIdentity identity, Function<Activity, Activity> kind,
            Function<BotCallbackHandler, BotCallbackHandler> bot) {
        AtomicReference<TurnContext> seen = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        BotCallbackHandler recorder = context -> {
            seen.set(context);
            context.getTurnState().add("test.closeable", (AutoCloseable) () -> closed.set(true));
            return CompletableFuture.completedFuture(null);
        };
        InvokeResponse answer = adapter.processActivity(identity, kind.apply(activity()), bot.apply(recorder)).join();

        TurnContext turn = seen.get();
        ConnectorClient connector = turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
        AppCredentials credentials = (AppCredentials) connector.credentials();
        return new Observed(turn.getActivity().getCallerId(), turn.getTurnState().get(BotAdapter.BOT_IDENTITY_KEY),
                turn.getTurnState().get(BotAdapter.OAUTH_SCOPE_KEY),
                Arrays.asList(connector.baseUrl(), credentials.getAppId(), credentials.oAuthScope()),
                answer == null ? null : Arrays.asList(answer.getStatus(), body(answer.getBody())), closed.get());
    }

    private static Object body(Object body) {
        return body instanceof ExpectedReplies replies
                ? replies.getActivities().stream().map(Activity::getText).toList()
                : body;
    }

    private SignpostAdapter adapter(Registration registration) {
        return new SignpostAdapter(registration.configuration(), registration.credentials(),
                new TrustSettings(false, false, DataSize.ofKilobytes(256), "https://login.microsoftonline.com"),
                new ServiceUrlPolicy(false), turns, clients);
    }

    private static Registration registration(String channelService) {
        Map<String, String> properties = channelService == null
                ? Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppPassword", "a-password")
                : Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppPassword", "a-password", "ChannelService", channelService);
        return new Registration(configuration(properties), new BotCredentials(APP_ID, "a-password", "tenant-1", true));
    }

    private static Configuration configuration(Map<String, String> properties) {
        MockEnvironment environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        return new EnvironmentConfiguration(environment);
    }

    /** What a channel's token gives (see ChannelTokens). */
    private static ClaimsIdentity channel() {
        return new ClaimsIdentity(AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER,
                Map.of("aud", APP_ID, "serviceurl", SERVICE_URL));
    }

    /** What another bot's token gives: the SDK tells it apart by its version, audience and app id. */
    private static ClaimsIdentity skill(String otherBot) {
        return new ClaimsIdentity("https://sts.windows.net/tenant-1/", Map.of("ver", "1.0", "aud", APP_ID,
                "appid", otherBot));
    }

    private static Activity activity() {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setId("activity-1");
        activity.setChannelId("msteams");
        activity.setServiceUrl(SERVICE_URL);
        activity.setFrom(new ChannelAccount("29:user-1", "Alex Example"));
        activity.setRecipient(new ChannelAccount("28:signpost-bot", "Signpost"));
        activity.setConversation(new ConversationAccount("a:parity"));
        return activity;
    }

    private static Function<Activity, Activity> message() {
        return activity -> {
            activity.setText("hello");
            return activity;
        };
    }

    private static Function<Activity, Activity> invoke() {
        return activity -> {
            activity.setType(ActivityTypes.INVOKE);
            activity.setName("task/submit");
            return activity;
        };
    }
}
