package org.signpost.dialogs.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * A token is HMAC-SHA256 of the round and the respondent under the key, as a new HMAC computes it, whichever thread
 * asks and whatever it asked before (each thread keeps its keyed HMAC), and each key gives its own tokens.
 */
class RespondentTokensTests {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

    @Test
    void aTokenIsTheHmacOfTheRoundAndTheRespondentOnEveryThreadAndEveryCall() throws Exception {
        RespondentTokens tokens = new RespondentTokens(KEY);
        RespondentTokens others = new RespondentTokens(OTHER_KEY);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String respondent = "aad:person-" + thread + "-" + i + (i % 7 == 0 ? "é" : "");
                        String round = "round-" + (i % 3);
                        assertThat(tokens.token(respondent, round)).isEqualTo(hmac(KEY, round + "\0" + respondent));
                        assertThat(others.token(respondent, round))
                                .isEqualTo(hmac(OTHER_KEY, round + "\0" + respondent))
                                .isNotEqualTo(tokens.token(respondent, round));
                        if (i % 100 == 0) {
                            assertThat(tokens.fingerprint())
                                    .isEqualTo(hmac(KEY, "signpost respondent-token key fingerprint"));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new RespondentTokens(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
