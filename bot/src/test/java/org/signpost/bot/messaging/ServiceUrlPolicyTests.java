package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where replies may go: the verdicts, asked once and again (the second from memory), and the memory's bound. */
class ServiceUrlPolicyTests {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            // URL, allowed anywhere, allowed in a loopback-only trial
            "https://smba.trafficmanager.net/emea/, true, false",
            "HTTPS://smba.trafficmanager.net/amer/, true, false",
            "http://127.0.0.1:3978/, true, true",
            "http://localhost:8081, true, true",
            "http://[::1]:8081/, true, true",
            "http://127.0.0.1.attacker.example/, true, false",
            "ftp://127.0.0.1/, false, false",
            "javascript:alert(1), false, false",
            "'', false, false",
            "NULL, false, false",
            "http://exa mple.com/, false, false",
            "/relative/path, false, false"})
    void theSameVerdictEveryTimeItIsAsked(String url, boolean anywhere, boolean inTrial) {
        ServiceUrlPolicy open = new ServiceUrlPolicy(false);
        ServiceUrlPolicy trial = new ServiceUrlPolicy(true);

        for (int ask = 0; ask < 3; ask++) {
            assertThat(open.allows(url)).isEqualTo(anywhere);
            assertThat(trial.allows(url)).isEqualTo(inTrial);
        }
    }

    @Test
    void aStreamOfDifferentUrlsKeepsAtMostTheBound() {
        ServiceUrlPolicy trial = new ServiceUrlPolicy(true);

        for (int i = 0; i < 3 * ServiceUrlPolicy.MOST; i++) {
            assertThat(trial.allows("http://127.0.0." + (i % 250) + ":" + (1000 + i) + "/")).isTrue();
            assertThat(trial.allows("https://host" + i + ".example/")).isFalse();
            assertThat(trial.kept()).isLessThanOrEqualTo(ServiceUrlPolicy.MOST);
        }
    }
}
