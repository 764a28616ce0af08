package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's character rules as a loop give Spring Security's regular expressions' answers. */
class FirewallTests {

    /** StrictHttpFirewall's own (spring-security-web 7.1), for header and parameter names. */
    static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    /** ... and for header values. */
    static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsSpringSecuritysRegularExpressionsJudgeIt() {
        int refusedNames = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String alone = new String(Character.toChars(c));
            String within = "Bearer eyJ" + alone + "x";
            for (String text : List.of(alone, within)) {
                assertThat(Firewall.assignedAndNotControl(text, false)).as("name U+%04X", c)
                        .isEqualTo(NAMES.matcher(text).matches());
                assertThat(Firewall.assignedAndNotControl(text, true)).as("value U+%04X", c)
                        .isEqualTo(VALUES.matcher(text).matches());
            }
            refusedNames += NAMES.matcher(alone).matches() ? 0 : 1;
        }
        assertThat(refusedNames).as("the rules refuse something").isGreaterThan(1_000);
    }

    @Test
    void surrogatesArePairedOrJudgedAlone() {
        for (String text : List.of("a\uD83D\uDE00b", "a\uD83Db", "a\uDE00b", "\uD83D", "\uDB7F\uDFFF", "")) {
            assertThat(Firewall.assignedAndNotControl(text, false)).as(text).isEqualTo(NAMES.matcher(text).matches());
            assertThat(Firewall.assignedAndNotControl(text, true)).as(text).isEqualTo(VALUES.matcher(text).matches());
        }
    }
}
