package org.signpost.bot.messaging;

import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.integration.ConfigurationCredentialProvider;
import com.microsoft.bot.schema.Activity;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's adapter with what this product needs on top: only the Bot Framework channel's tokens,
 * single-tenant credentials, and no outbound client at all for a service URL the policy refuses (so
 * nothing can be sent there, by any path).
 */
final class SignpostAdapter extends BotFrameworkHttpAdapter {

    private final BotCredentials credentials;
    private final TrustSettings trust;
    private final ServiceUrlPolicy serviceUrls;
    private final ChannelTokens channelTokens;

    SignpostAdapter(Configuration configuration, BotCredentials credentials, TrustSettings trust,
            ServiceUrlPolicy serviceUrls) {
        super(configuration);
        this.credentials = credentials;
        this.trust = trust;
        this.serviceUrls = serviceUrls;
        this.channelTokens = new ChannelTokens(new ConfigurationCredentialProvider(configuration));
    }

    /** With an app id, only channel tokens: never the SDK's skill or Emulator paths (see {@link ChannelTokens}). */
    @Override
    public CompletableFuture<InvokeResponse> processActivity(String authHeader, Activity activity,
            BotCallbackHandler callback) {
        if (credentials.trial()) {
            return super.processActivity(authHeader, activity, callback);
        }
        return channelTokens.authenticate(authHeader, activity)
                .thenCompose(identity -> processActivity(identity, activity, callback));
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
        return super.getOrCreateConnectorClient(serviceUrl, usingAppCredentials);
    }

    static final class RefusedServiceUrlException extends IllegalStateException {
        RefusedServiceUrlException() {
            super("Replies to this service URL are not allowed");
        }
    }
}
