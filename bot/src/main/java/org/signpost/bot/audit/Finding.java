package org.signpost.bot.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One rule's result: its name, verdict and counts. Never a key's name or a value. */
record Finding(String rule, Verdict verdict, Map<String, Long> counts) {

    Finding {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** FAIL when any of the counts named as problems is above zero, else PASS. */
    static Finding failIfAny(String rule, Map<String, Long> counts, String... problems) {
        for (String problem : problems) {
            if (counts.getOrDefault(problem, 0L) > 0) {
                return new Finding(rule, Verdict.FAIL, counts);
            }
        }
        return new Finding(rule, Verdict.PASS, counts);
    }

    /** Counts in the order given: name, value, name, value… */
    static Map<String, Long> counts(Object... pairs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            counts.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return counts;
    }
}
