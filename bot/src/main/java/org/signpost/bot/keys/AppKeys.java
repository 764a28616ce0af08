package org.signpost.bot.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that make what Redis and its data folder hold unattributable: without them, nothing there
 * leads to a person. One sealing key, from which each use derives its own key (so a pseudonym of one
 * keyspace cannot be matched with another's), and the respondent-token key.
 */
public final class AppKeys {

    static final int MINIMUM_BYTES = 32;

    private final byte[] sealingKey;
    private final byte[] tokenKey;

    public AppKeys(byte[] sealingKey, byte[] tokenKey) {
        if (sealingKey.length < MINIMUM_BYTES || tokenKey.length < MINIMUM_BYTES) {
            throw new IllegalArgumentException("Each key needs at least " + MINIMUM_BYTES + " bytes");
        }
        if (Arrays.equals(sealingKey, tokenKey)) {
            throw new IllegalArgumentException("The sealing key and the respondent-token key must differ");
        }
        this.sealingKey = sealingKey.clone();
        this.tokenKey = tokenKey.clone();
    }

    public byte[] respondentTokenKey() {
        return tokenKey.clone();
    }

    /** Keyed one-way names for one use (a keyspace), e.g. "conversation". */
    public Pseudonyms pseudonyms(String use) {
        return new Pseudonyms(derived("pseudonyms/" + use));
    }

    /** Authenticated encryption for one use, e.g. "progress". */
    public Seal seal(String use) {
        return new Seal(derived("seal/" + use));
    }

    private byte[] derived(String use) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sealingKey, "HmacSHA256"));
            return mac.doFinal(("signpost key/" + use).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
