package org.signpost.dialogs.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One response per person without a link to the person: a keyed one-way token, HMAC-SHA256 over the
 * round id and the respondent id (which names its kind, {@code aad:} or {@code trial:}). Without the key
 * (never stored in Redis or its data folder, never logged) a token cannot be checked against a list of
 * staff.
 */
public final class RespondentTokens {

    private static final String FINGERPRINT_LABEL = "signpost respondent-token key fingerprint";

    private final SecretKeySpec key;
    /**
     * One keyed HMAC per thread (as Pseudonyms keeps): looking up the provider and keying a new one cost more than the
     * token, on every turn whose menu asks whether this person answered the round. doFinal leaves it reset.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    public RespondentTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The respondent-token key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String token(String respondentId, String roundId) {
        return hmac(roundId + "\0" + respondentId);
    }

    /**
     * Names the key without revealing it: a round pins this, so that a changed key (which would let
     * everyone answer again) stops the app instead of silently doubling the totals.
     */
    public String fingerprint() {
        return hmac(FINGERPRINT_LABEL);
    }

    private String hmac(String input) {
        return HexFormat.of().formatHex(macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
