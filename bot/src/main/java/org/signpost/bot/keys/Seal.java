package org.signpost.bot.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
    /**
     * One cipher per thread, initialised again with a fresh nonce for every record (which also clears whatever
     * a failed call left in it): looking the cipher up again cost more than sealing a small record.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Seal::newCipher);

    Seal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] record = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            record[0] = VERSION;
            System.arraycopy(nonce, 0, record, 1, NONCE_BYTES);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, record, 1 + NONCE_BYTES);
            if (written != record.length - 1 - NONCE_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, not " + (record.length - 1 - NONCE_BYTES));
            }
            return record;
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
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, record, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(record, 1 + NONCE_BYTES, record.length - 1 - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
