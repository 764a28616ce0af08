package org.signpost.bot.messaging;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.bot.connector.authentication.Authenticator;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Credentials of a single-tenant registration: tokens come from the tenant's own authority, which the
 * SDK 4.14 cannot do (it always asks botframework.com). Built on MSAL like the SDK's own.
 *
 * <p>The token is kept here until shortly before it expires, and one request renews it: every outbound
 * call asks for it, and MSAL would answer each from its executor (the JVM's common pool, one thread on
 * two cores), or from the network when its cache does not recognise the authority.
 */
final class TenantCredentials extends MicrosoftAppCredentials {

    /** Renew this long before the token expires. */
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final String loginAuthority;
    /** Milliseconds MSAL waits to connect to the authority, and for its answer. */
    private static final int AUTHORITY_TIMEOUT_MILLIS = 5000;

    /** Written under the lock; read without it while it is not yet due for renewal (every reply asks). */
    private volatile IAuthenticationResult token;
    private CompletableFuture<IAuthenticationResult> renewal;

    TenantCredentials(String appId, String password, String tenantId, String scope, String loginAuthority) {
        super(appId, password, tenantId, scope);
        this.loginAuthority = loginAuthority.endsWith("/") ? loginAuthority : loginAuthority + "/";
    }

    @Override
    public String oAuthEndpoint() {
        return loginAuthority + getChannelAuthTenant();
    }

    @Override
    public CompletableFuture<String> getToken() {
        IAuthenticationResult current = token;
        if (current != null && !expiresBefore(current, Instant.now().plus(EARLY))) {
            return CompletableFuture.completedFuture(current.accessToken());
        }
        CompletableFuture<IAuthenticationResult> waiting;
        synchronized (this) {
            Instant now = Instant.now();
            if (renewal == null && (token == null || expiresBefore(token, now.plus(EARLY)))) {
                try {
                    renewal = buildAuthenticator().acquireToken();
                } catch (MalformedURLException e) {
                    return CompletableFuture.failedFuture(e);
                }
                renewal.whenComplete((renewed, error) -> {
                    synchronized (this) {
                        if (renewed != null) {
                            token = renewed;
                        }
                        renewal = null;
                    }
                });
            }
            // the current token serves while a new one is on its way, until it really expires
            if (token != null && !expiresBefore(token, now)) {
                return CompletableFuture.completedFuture(token.accessToken());
            }
            waiting = renewal != null ? renewal : CompletableFuture.completedFuture(token);
        }
        return waiting.thenApply(IAuthenticationResult::accessToken);
    }

    private static boolean expiresBefore(IAuthenticationResult token, Instant when) {
        return token.expiresOnDate() == null || token.expiresOnDate().toInstant().isBefore(when);
    }

    @Override
    protected Authenticator buildAuthenticator() throws MalformedURLException {
        ConfidentialClientApplication client = ConfidentialClientApplication
                .builder(getAppId(), ClientCredentialFactory.createFromSecret(getAppPassword()))
                .authority(oAuthEndpoint())
                // the authority is given in full; nothing to discover from Microsoft's instance list
                .instanceDiscovery(false)
                .connectTimeoutForDefaultHttpClient(AUTHORITY_TIMEOUT_MILLIS)
                .readTimeoutForDefaultHttpClient(AUTHORITY_TIMEOUT_MILLIS)
                .build();
        ClientCredentialParameters request = ClientCredentialParameters.builder(Set.of(oAuthScope())).build();
        return () -> client.acquireToken(request);
    }
}
