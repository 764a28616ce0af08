package org.signpost.bot.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed one-way names (HMAC-SHA256): the app finds a conversation's keys again from the activity, while
 * anyone without the key cannot tell which conversation a name stands for, nor test a guess.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;
    /** One keyed HMAC per thread, reset by each name: looking up the provider and keying it again cost more than the name. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    Pseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        keyedMac();
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

    /** The name of these parts (joined unambiguously), as 64 hex digits. */
    public String of(String... parts) {
        Mac mac = macs.get();
        // a name left half-made by an exception must not prefix the next one
        mac.reset();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length});
            mac.update(bytes);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
