package org.signpost.bot.keys;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption, AES-256-GCM with a random 96-bit nonce per record: {@code version | nonce |
 * ciphertext and tag}. The associated data (the Redis key a record is stored under) is authenticated too,
 * so a record moved to another key does not open.
 */
public final class Seal {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    Seal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plaintext, or empty when the record was not sealed with this key for this associated data. */
    public Optional<byte[]> open(byte[] record, byte[] associatedData) {
        if (record.length < 1 + NONCE_BYTES + TAG_BITS / 8 || record[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(record, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(record, 1 + NONCE_BYTES, record.length - 1 - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
