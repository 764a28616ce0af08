package org.signpost.dialogs.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One response per person without a link to the person: a keyed one-way token, HMAC-SHA256 over the
 * person's id and the round id. Without the secret (never stored in Redis, never logged) a token cannot
 * be checked against a list of staff.
 */
public final class RespondentTokens {

    private final SecretKeySpec key;

    public RespondentTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The respondent-token secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String token(String personId, String roundId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(roundId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(personId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
