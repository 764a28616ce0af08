package org.signpost.bot.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * AES-256-GCM records, {@code version | nonce | ciphertext and tag}, sealed with the cipher each thread keeps:
 * every record has a nonce of its own, opens only with its key and associated data, and reads the same as a
 * record sealed with a fresh cipher (records already in Redis still open).
 */
class SealTests {

    private static final byte[] KEY = "seal-test-key-0123456789abcdefgh".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NAME = "signpost:test:record".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRecordOpensWithItsKeyAndNameOnlyAndAFailedOpenLeavesNothingBehind() {
        Seal seal = new Seal(KEY);
        for (int length : new int[] {0, 1, 15, 16, 17, 300, 5000}) {
            byte[] plain = bytes(length);
            byte[] record = seal.seal(plain, NAME);
            assertThat(record).hasSize(1 + 12 + length + 16);
            assertThat(seal.open(record, NAME)).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(plain));
            assertThat(seal.open(record, "signpost:test:other".getBytes(StandardCharsets.UTF_8))).isEmpty();
            assertThat(new Seal("seal-test-key-other-456789abcdef".getBytes(StandardCharsets.UTF_8)).open(record, NAME))
                    .isEmpty();
            // every byte changed, one at a time: never opens, and the thread's cipher is fine for the next record
            for (int i = 0; i < record.length; i++) {
                byte[] tampered = record.clone();
                tampered[i] ^= 0x01;
                assertThat(seal.open(tampered, NAME)).as("byte %d of %d changed", i, record.length).isEmpty();
                assertThat(seal.open(record, NAME)).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(plain));
            }
            assertThat(seal.open(Arrays.copyOf(record, record.length - 1), NAME)).isEmpty();
        }
    }

    @Test
    void noNonceRepeatsAcrossSealsOnOneThreadOrMany() throws Exception {
        Seal seal = new Seal(KEY);
        byte[] plain = bytes(40);
        Set<String> nonces = ConcurrentHashMap.newKeySet();
        Set<String> records = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            byte[] record = seal.seal(plain, NAME);
            assertThat(nonces.add(nonce(record))).as("nonce of seal %d is new", i).isTrue();
            assertThat(records.add(HexFormat.of().formatHex(record))).isTrue();
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    boolean allNew = true;
                    for (int i = 0; i < 2000; i++) {
                        allNew &= nonces.add(nonce(seal.seal(plain, NAME)));
                    }
                    return allNew;
                }));
            }
            for (Future<Boolean> result : done) {
                assertThat(result.get()).as("every nonce sealed on the threads is new").isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(nonces).hasSize(5000 + 8 * 2000);
    }

    @Test
    void threadsSealingAndOpeningAtOnceEachGetTheirOwnRecordsBack() throws Exception {
        Seal seal = new Seal(KEY);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                byte[] plain = ("record of task " + t + " ").repeat(t + 1).getBytes(StandardCharsets.UTF_8);
                byte[] name = ("signpost:test:" + t).getBytes(StandardCharsets.UTF_8);
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        byte[] record = seal.seal(plain, name);
                        if (!seal.open(record, name).map(opened -> Arrays.equals(opened, plain)).orElse(false)
                                || seal.open(record, NAME).isPresent()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : done) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void recordsReadTheSameAsWithAFreshCipherEachTime() throws Exception {
        Seal seal = new Seal(KEY);
        byte[] plain = "a flow's state".getBytes(StandardCharsets.UTF_8);
        // sealed as before the cipher was kept: a record already in Redis
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher fresh = Cipher.getInstance("AES/GCM/NoPadding");
        fresh.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
        fresh.updateAAD(NAME);
        byte[] sealedBefore = fresh.doFinal(plain);
        byte[] before = ByteBuffer.allocate(1 + 12 + sealedBefore.length).put((byte) 1).put(nonce).put(sealedBefore).array();
        assertThat(seal.open(before, NAME)).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(plain));

        byte[] now = seal.seal(plain, NAME);
        assertThat(now[0]).isEqualTo((byte) 1);
        Cipher reader = Cipher.getInstance("AES/GCM/NoPadding");
        reader.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(now, 1, 13)));
        reader.updateAAD(NAME);
        assertThat(reader.doFinal(now, 13, now.length - 13)).isEqualTo(plain);
    }

    private static String nonce(byte[] record) {
        return HexFormat.of().formatHex(record, 1, 13);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
