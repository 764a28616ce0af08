package org.signpost.bot.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A name is HMAC-SHA256 over the length-prefixed parts, the same on every thread and every call, so that a
 * stored key is found again; the keyed HMAC each thread keeps must not carry one name into the next.
 */
class PseudonymsTests {

    private static final byte[] KEY = "pseudonyms-test-key-0123456789ab".getBytes(StandardCharsets.UTF_8);

    @Test
    void aNameIsTheHmacOfItsLengthPrefixedPartsOnEveryThread() throws Exception {
        Pseudonyms names = new Pseudonyms(KEY);
        String expected = hmac("tenant-1", "a:conversation-7");
        assertThat(names.of("tenant-1", "a:conversation-7")).isEqualTo(expected).isEqualTo(names.of("tenant-1", "a:conversation-7"));
        assertThat(names.of("tenant-1a", ":conversation-7")).as("the parts' bounds count").isNotEqualTo(expected);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> same = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String part = "person-" + i;
                same.add(threads.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        if (!names.of("tenant-1", part).equals(hmac("tenant-1", part))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : same) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String hmac(String... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update(new byte[] {0, 0, 0, (byte) bytes.length});
            mac.update(bytes);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
