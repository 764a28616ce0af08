package org.signpost.bot.messaging;

import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.Async;
import com.microsoft.bot.connector.Channels;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.GovernmentAuthenticationConstants;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.authentication.SkillValidation;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.integration.ConfigurationChannelProvider;
import com.microsoft.bot.integration.ConfigurationCredentialProvider;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.CallerIdConstants;
import com.microsoft.bot.schema.DeliveryModes;
import com.microsoft.bot.schema.ExpectedReplies;
import com.microsoft.bot.schema.ResourceResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.bot.connector.ConnectorClients;

/**
 * The SDK's adapter with what this product needs on top: only the Bot Framework channel's tokens,
 * single-tenant credentials, and no outbound client at all for a service URL the policy refuses (so
 * nothing can be sent there, by any path).
 *
 * <p>It also takes over where the SDK would stall. The SDK runs a turn on its small shared pool (two
 * threads per core) and blocks there on every reply; here a turn runs on the request's own thread, within the
 * bot's own bound ({@link TurnSlots}), from start to end, and replies are sent from that thread through
 * {@link ConnectorClients} (timeouts, bounded calls, retries as Teams asks).
 */
final class SignpostAdapter extends BotFrameworkHttpAdapter {

    /** Turn state: post this turn's activities once, with no retry (their sender schedules its own). */
    static final String SEND_ONCE = "signpost.sendOnce";

    private final BotCredentials credentials;
    private final TrustSettings trust;
    private final ServiceUrlPolicy serviceUrls;
    private final ChannelTokens channelTokens;
    private final TurnSlots turns;
    private final ConnectorClients connectorClients;
    private final ConfigurationCredentialProvider credentialProvider;
    private final ConfigurationChannelProvider channelProvider;
    private final AuthenticationConfiguration authentication = new AuthenticationConfiguration();
    private final Map<String, RestConnectorClient> clients = new ConcurrentHashMap<>();
    // a turn without an app id (a local trial) sends with this; only its app id and scope are read, so one will do
    private final AppCredentials noAppId = MicrosoftAppCredentials.empty();
    // what the SDK works out from its providers on every turn; they are made from the same configuration as
    // these two, and neither changes after that
    private final boolean authenticationDisabled;
    private final String channelCallerId;
    private final String botFrameworkScope;

    SignpostAdapter(Configuration configuration, BotCredentials credentials, TrustSettings trust,
            ServiceUrlPolicy serviceUrls, TurnSlots turns, ConnectorClients connectorClients) {
        super(configuration);
        this.credentials = credentials;
        this.trust = trust;
        this.serviceUrls = serviceUrls;
        this.turns = turns;
        this.connectorClients = connectorClients;
        this.credentialProvider = new ConfigurationCredentialProvider(configuration);
        this.channelProvider = new ConfigurationChannelProvider(configuration);
        this.channelTokens = new ChannelTokens(credentialProvider, Clock.systemUTC());
        this.authenticationDisabled = credentialProvider.isAuthenticationDisabled().join();
        this.channelCallerId = channelProvider.isPublicAzure() ? CallerIdConstants.PUBLIC_AZURE_CHANNEL
                : channelProvider.isGovernment() ? CallerIdConstants.US_GOV_CHANNEL : null;
        this.botFrameworkScope = channelProvider.isGovernment()
                ? GovernmentAuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
                : AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE;
    }

    /** As below, with the request timeout counted from now. */
    @Override
    public CompletableFuture<InvokeResponse> processActivity(String authHeader, Activity activity,
            BotCallbackHandler callback) {
        return processActivity(authHeader, activity, callback, turns.deadline());
    }

    /**
     * With an app id, only channel tokens: never the SDK's skill or Emulator paths (see {@link ChannelTokens});
     * in a trial, the SDK's check. A refused token is answered without a turn slot; otherwise the turn runs on
     * this thread once it has one, waiting for it no later than {@code deadline} ({@link TurnSlots}).
     */
    CompletableFuture<InvokeResponse> processActivity(String authHeader, Activity activity,
            BotCallbackHandler callback, long deadline) {
        CompletableFuture<ClaimsIdentity> identity = credentials.trial()
                ? trialIdentity(authHeader, activity)
                : channelTokens.authenticate(authHeader, activity);
        if (identity.isCompletedExceptionally()) {
            return identity.thenApply(refused -> null);
        }
        return turns.run(identity, deadline, claims -> processActivity(claims, activity, callback));
    }

    /**
     * A trial's sender without a token is anonymous, as the SDK makes it, but never a skill: Signpost hosts no
     * skills, and the SDK's check takes an Emulator activity whose recipient says "skill" for one (then fails
     * to get a token for it) and throws on one whose recipient has no role. A token is still the SDK's to check.
     */
    private CompletableFuture<ClaimsIdentity> trialIdentity(String authHeader, Activity activity) {
        if (authHeader == null || authHeader.isBlank()) {
            return CompletableFuture.completedFuture(new ClaimsIdentity(AuthenticationConstants.ANONYMOUS_AUTH_TYPE));
        }
        return JwtTokenValidation.authenticateRequest(activity, authHeader, credentialProvider, channelProvider,
                authentication);
    }

    /**
     * The SDK's own method (4.14.3), step for step, but with a turn context the JVM need not finalize (see
     * {@link TurnContextWithoutFinalizer}): the caller id, identity, OAuth scope and connector client, the
     * pipeline, then the answer to an invoke or to "expect replies"; the context is closed at the end.
     */
    @Override
    public CompletableFuture<InvokeResponse> processActivity(ClaimsIdentity identity, Activity activity,
            BotCallbackHandler callback) {
        if (activity == null) {
            return Async.completeExceptionally(new IllegalArgumentException("Activity"));
        }
        CompletableFuture<InvokeResponse> pipelineResult = new CompletableFuture<>();
        try (TurnContextWithoutFinalizer context = new TurnContextWithoutFinalizer(this, activity)) {
            activity.setCallerId(callerId(identity));
            context.getTurnState().add(BOT_IDENTITY_KEY, identity);
            String scope = oAuthScope(identity);
            context.getTurnState().add(OAUTH_SCOPE_KEY, scope);
            pipelineResult = createConnectorClient(activity.getServiceUrl(), identity, scope)
                    .thenCompose(connector -> {
                        context.getTurnState().add(CONNECTOR_CLIENT_KEY, connector);
                        return runPipeline(context, callback);
                    })
                    .thenApply(done -> answer(context, activity));
        } catch (Exception e) {
            pipelineResult.completeExceptionally(e);
        }
        return pipelineResult;
    }

    private String callerId(ClaimsIdentity identity) {
        if (authenticationDisabled) {
            return null;
        }
        return SkillValidation.isSkillClaim(identity.claims())
                ? CallerIdConstants.BOT_TO_BOT_PREFIX + JwtTokenValidation.getAppIdFromClaims(identity.claims())
                : channelCallerId;
    }

    private String oAuthScope(ClaimsIdentity identity) {
        return SkillValidation.isSkillClaim(identity.claims())
                ? JwtTokenValidation.getAppIdFromClaims(identity.claims()) + "/.default"
                : botFrameworkScope;
    }

    private static InvokeResponse answer(TurnContextWithoutFinalizer context, Activity activity) {
        if (DeliveryModes.fromString(context.getActivity().getDeliveryMode()) == DeliveryModes.EXPECT_REPLIES) {
            return new InvokeResponse(HttpURLConnection.HTTP_OK, new ExpectedReplies(context.getBufferedReplyActivities()));
        }
        if (activity.isType(ActivityTypes.INVOKE)) {
            Activity invokeResponse = context.getTurnState().get(INVOKE_RESPONSE_KEY);
            return invokeResponse == null ? new InvokeResponse(HttpURLConnection.HTTP_NOT_IMPLEMENTED, null)
                    : (InvokeResponse) invokeResponse.getValue();
        }
        return null;
    }

    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
        if (!credentials.singleTenant()) {
            return super.buildAppCredentials(appId, scope);
        }
        return CompletableFuture.completedFuture(new TenantCredentials(appId, credentials.password(),
                credentials.tenantId(), scope, trust.loginAuthority()));
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
            AppCredentials usingAppCredentials) {
        if (!serviceUrls.allows(serviceUrl)) {
            return CompletableFuture.failedFuture(new RefusedServiceUrlException());
        }
        AppCredentials sending = usingAppCredentials != null ? usingAppCredentials : noAppId;
        String key = keyForConnectorClient(serviceUrl, sending.getAppId(), sending.oAuthScope());
        return CompletableFuture.completedFuture(
                clients.computeIfAbsent(key, k -> connectorClients.create(serviceUrl, sending)));
    }

    /**
     * Sends from the calling thread (a turn's, or whoever sends outside a turn), one activity after the
     * other, each waited for with a bound; the SDK would hand them to its shared pool and block there.
     */
    @Override
    public CompletableFuture<ResourceResponse[]> sendActivities(TurnContext context, List<Activity> activities) {
        if (activities == null || activities.isEmpty()
                || activities.stream().anyMatch(activity -> activity.isType(ActivityTypes.DELAY))) {
            return super.sendActivities(context, activities);
        }
        ResourceResponse[] responses = new ResourceResponse[activities.size()];
        try {
            for (int i = 0; i < activities.size(); i++) {
                responses[i] = send(context, activities.get(i));
            }
            return CompletableFuture.completedFuture(responses);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    private ResourceResponse send(TurnContext context, Activity activity) throws IOException, InterruptedException {
        // activities the bot makes carry no id of their own (the channel assigns one)
        activity.setId(null);
        if (activity.isType(ActivityTypes.INVOKE_RESPONSE)) {
            context.getTurnState().add(INVOKE_RESPONSE_KEY, activity);
            return new ResourceResponse("");
        }
        if (activity.isType(ActivityTypes.TRACE) && !Channels.EMULATOR.equals(activity.getChannelId())) {
            return new ResourceResponse("");
        }
        RestConnectorClient connector = context.getTurnState().get(CONNECTOR_CLIENT_KEY);
        if (Boolean.TRUE.equals(context.getTurnState().get(SEND_ONCE))) {
            return connectorClients.sendOnce(connector.baseUrl(), (AppCredentials) connector.credentials(), activity);
        }
        return connectorClients.send(connector.baseUrl(), (AppCredentials) connector.credentials(), activity);
    }

    static final class RefusedServiceUrlException extends IllegalStateException {
        RefusedServiceUrlException() {
            super("Replies to this service URL are not allowed");
        }
    }
}
