package org.signpost.bot.messaging;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.bot.connector.authentication.Authenticator;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import java.net.MalformedURLException;
import java.util.Set;

/**
 * Credentials of a single-tenant registration: tokens come from the tenant's own authority, which the
 * SDK 4.14 cannot do (it always asks botframework.com). Built on MSAL like the SDK's own.
 */
final class TenantCredentials extends MicrosoftAppCredentials {

    private final String loginAuthority;

    TenantCredentials(String appId, String password, String tenantId, String scope, String loginAuthority) {
        super(appId, password, tenantId, scope);
        this.loginAuthority = loginAuthority.endsWith("/") ? loginAuthority : loginAuthority + "/";
    }

    @Override
    public String oAuthEndpoint() {
        return loginAuthority + getChannelAuthTenant();
    }

    @Override
    protected Authenticator buildAuthenticator() throws MalformedURLException {
        ConfidentialClientApplication client = ConfidentialClientApplication
                .builder(getAppId(), ClientCredentialFactory.createFromSecret(getAppPassword()))
                .authority(oAuthEndpoint())
                // the authority is given in full; nothing to discover from Microsoft's instance list
                .instanceDiscovery(false)
                .build();
        ClientCredentialParameters request = ClientCredentialParameters.builder(Set.of(oAuthScope())).build();
        return () -> client.acquireToken(request);
    }
}
