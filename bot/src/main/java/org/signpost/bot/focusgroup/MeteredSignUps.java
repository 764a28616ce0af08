package org.signpost.bot.focusgroup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.signpost.dialogs.focusgroup.SignUpEvents;

/**
 * Counts focus-group sign-ups by outcome only (signed up, waiting list, withdrawn, refused consent): no
 * session, no name, nothing typed.
 */
final class MeteredSignUps implements SignUpEvents {

    static final String SIGN_UPS = "signpost.focusgroup.signups";

    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    MeteredSignUps(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder(SIGN_UPS)
                    .description("Focus-group sign-ups and withdrawals by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public void record(Outcome outcome) {
        outcomes.get(outcome).increment();
    }
}
