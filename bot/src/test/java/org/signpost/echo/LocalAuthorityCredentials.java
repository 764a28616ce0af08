package org.signpost.echo;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.bot.connector.authentication.Authenticator;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import java.net.MalformedURLException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The echo bot's outbound tokens from a given authority (the harness's local one), through MSAL as the SDK
 * does, kept until they expire: MSAL's own cache does not recognise an authority with a port, and would
 * ask the local authority on every send, which no production bot does.
 */
final class LocalAuthorityCredentials extends MicrosoftAppCredentials {

    private final String authority;

    LocalAuthorityCredentials(String appId, String password, String tenantId, String scope, String authority) {
        super(appId, password, tenantId, scope);
        this.authority = authority.endsWith("/") ? authority : authority + "/";
    }

    private CompletableFuture<String> token;

    @Override
    public synchronized CompletableFuture<String> getToken() {
        if (token == null || token.isCompletedExceptionally()) {
            token = super.getToken();
        }
        return token;
    }

    @Override
    public String oAuthEndpoint() {
        return authority + getChannelAuthTenant();
    }

    @Override
    protected Authenticator buildAuthenticator() throws MalformedURLException {
        ConfidentialClientApplication client = ConfidentialClientApplication
                .builder(getAppId(), ClientCredentialFactory.createFromSecret(getAppPassword()))
                .authority(oAuthEndpoint())
                .instanceDiscovery(false)
                .build();
        ClientCredentialParameters request = ClientCredentialParameters.builder(Set.of(oAuthScope())).build();
        return () -> client.acquireToken(request);
    }
}
