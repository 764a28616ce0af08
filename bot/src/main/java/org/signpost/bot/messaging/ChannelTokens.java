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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>The channel reuses a token for about an hour, so a token that passed is remembered (under a SHA-256 of
 * the token, the channel and the service URL together, never the token itself) until it expires, or for
 * {@link #REMEMBERED_AT_MOST} at most, so that a signing key withdrawn from the published set stops working
 * within minutes; at most {@link #MAX_REMEMBERED} tokens are remembered. Checking a token costs a signature
 * check and the SDK's claims checks; a remembered one costs a hash.
 */
final class ChannelTokens {

    static final Duration REMEMBERED_AT_MOST = Duration.ofMinutes(5);
    static final int MAX_REMEMBERED = 1_000;

    private record Passed(ClaimsIdentity identity, Instant until) {
    }

    /** What a published signing key's id looks like; anything else is never looked up, nor logged by the SDK. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.=-]{1,128}");

    private final CredentialProvider credentials;
    private final Clock clock;
    private final AuthenticationConfiguration configuration = new AuthenticationConfiguration();
    private final Map<String, Passed> passed = new ConcurrentHashMap<>();

    ChannelTokens(CredentialProvider credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The caller's identity; a malformed token throws at once (as the SDK does), any other refusal fails the future. */
    CompletableFuture<ClaimsIdentity> authenticate(String authorization, Activity activity) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return refused("no bearer token");
        }
        String key = key(authorization, activity);
        Passed known = passed.get(key);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            return CompletableFuture.completedFuture(known.identity());
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
                    remember(key, identity, token.getExpiresAtAsInstant(), now);
                    return identity;
                });
    }

    private void remember(String key, ClaimsIdentity identity, Instant expires, Instant now) {
        Instant until = now.plus(REMEMBERED_AT_MOST);
        if (expires == null || !expires.isAfter(now)) {
            return;
        }
        if (expires.isBefore(until)) {
            until = expires;
        }
        if (passed.size() >= MAX_REMEMBERED) {
            passed.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (passed.size() >= MAX_REMEMBERED) {
                passed.clear();
            }
        }
        passed.put(key, new Passed(identity, until));
    }

    /** What a check depended on besides the keys: the token, and the channel and service URL it was checked for. */
    static String key(String authorization, Activity activity) {
        KeyScratch scratch = SCRATCH.get();
        MessageDigest sha = scratch.sha;
        sha.reset();
        scratch.update(authorization);
        for (String part : new String[] {activity.getChannelId(), activity.getServiceUrl()}) {
            sha.update((byte) 0);
            scratch.update(String.valueOf(part));
        }
        // the buffer held the token's bytes: a bearer credential is not left in memory after its check
        Arrays.fill(scratch.chunk, (byte) 0);
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Each thread's digest and a small buffer: every request hashes its token (about 1 KB), and a digest and a copy
     * of the token's bytes made for each were ~2% of what a turn allocates.
     */
    private static final ThreadLocal<KeyScratch> SCRATCH = ThreadLocal.withInitial(KeyScratch::new);

    /** Whether this thread's buffer holds nothing of the last key's token (for tests). */
    static boolean scratchIsClear() {
        for (byte b : SCRATCH.get().chunk) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static final class KeyScratch {
        private final MessageDigest sha;
        private final byte[] chunk = new byte[256];

        KeyScratch() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The text's UTF-8 into the digest: ASCII (a token's, a URL's) a chunk at a time, without a copy of the whole. */
        void update(String text) {
            int i = 0;
            while (i < text.length()) {
                int n = 0;
                while (i < text.length() && n < chunk.length && text.charAt(i) < 0x80) {
                    chunk[n++] = (byte) text.charAt(i++);
                }
                sha.update(chunk, 0, n);
                if (i < text.length() && text.charAt(i) >= 0x80) {
                    // the rest as the String encodes it (split after an ASCII char, so no surrogate pair is cut)
                    sha.update(text.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
        }
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
