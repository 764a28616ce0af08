package org.signpost.bot.messaging;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.SkillValidation;
import com.microsoft.bot.schema.Activity;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Only tokens the Bot Framework channel (Teams, Web Chat through the Azure Bot Service) issues for this
 * bot: issuer {@code https://api.botframework.com}, audience this app id, signed with a published key
 * endorsed for the activity's channel, and a {@code serviceurl} claim equal to the activity's.
 *
 * <p>The SDK's own check also accepts skill (bot-to-bot) tokens, where it discards its claims-validation
 * result and never compares {@code serviceurl}, and Emulator tokens; both come from Azure AD issuers and
 * the SDK then gives them the same {@code callerId} as a channel's ({@code urn:botframework:azure} for an
 * Emulator token), so the caller id cannot tell them apart: the token's kind is decided here, before
 * the SDK looks at it.
 */
final class ChannelTokens {

    /** What a published signing key's id looks like; anything else is never looked up, nor logged by the SDK. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.=-]{1,128}");

    private final CredentialProvider credentials;
    private final AuthenticationConfiguration configuration = new AuthenticationConfiguration();

    ChannelTokens(CredentialProvider credentials) {
        this.credentials = credentials;
    }

    /** The caller's identity; a malformed token throws at once (as the SDK does), any other refusal fails the future. */
    CompletableFuture<ClaimsIdentity> authenticate(String authorization, Activity activity) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return refused("no bearer token");
        }
        DecodedJWT token = JWT.decode(authorization.substring("Bearer ".length()));
        if (token.getKeyId() == null || !KEY_ID.matcher(token.getKeyId()).matches()) {
            return refused("no usable key id");
        }
        if (!AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER.equals(token.getIssuer())) {
            return refused("not issued by the Bot Framework channel");
        }
        if (activity.getChannelId() == null || activity.getChannelId().isBlank()) {
            return refused("no channel to check the key's endorsement against");
        }
        return ChannelValidation.authenticateToken(authorization, credentials, activity.getChannelId(),
                activity.getServiceUrl(), configuration).thenApply(identity -> {
                    if (SkillValidation.isSkillClaim(identity.claims())) {
                        throw new NotAChannelToken("a bot-to-bot (skill) token");
                    }
                    return identity;
                });
    }

    private static CompletableFuture<ClaimsIdentity> refused(String why) {
        return CompletableFuture.failedFuture(new NotAChannelToken(why));
    }

    /** A refusal decided here; its reason is fixed text, safe for the log (the SDK's messages quote claims). */
    static final class NotAChannelToken extends AuthenticationException {
        private final String reason;

        NotAChannelToken(String reason) {
            super("Not a Bot Framework channel token: " + reason);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
