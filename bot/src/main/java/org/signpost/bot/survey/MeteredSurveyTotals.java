package org.signpost.bot.survey;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.survey.CounterLayout;
import org.signpost.dialogs.survey.SurveyTotals;

/**
 * Counts survey submissions by outcome only (counted, already counted, not saved, ...): no round, no
 * question, no answer, nothing about who.
 */
final class MeteredSurveyTotals implements SurveyTotals {

    static final String SUBMISSIONS = "signpost.survey.submissions";

    private final SurveyTotals totals;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    MeteredSurveyTotals(SurveyTotals totals, MeterRegistry registry) {
        this.totals = totals;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder(SUBMISSIONS)
                    .description("Survey submissions by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public boolean hasResponded(String roundId, String token) {
        return totals.hasResponded(roundId, token);
    }

    @Override
    public Together.Call<Boolean> hasRespondedCall(String roundId, String token) {
        return totals.hasRespondedCall(roundId, token);
    }

    @Override
    public Outcome submit(String roundId, String token, CounterLayout.Submission submission, String conversationKey) {
        Outcome outcome = totals.submit(roundId, token, submission, conversationKey);
        outcomes.get(outcome).increment();
        return outcome;
    }
}
