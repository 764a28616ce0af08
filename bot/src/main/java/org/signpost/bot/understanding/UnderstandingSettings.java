package org.signpost.bot.understanding;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sure the categorisers must be, and where trained models are kept.
 *
 * @param intentThreshold below this probability the bot says it did not understand and shows the menu
 * @param crisisThreshold from this probability that a one-sentence message is not ordinary (both crisis
 *                        models agreeing), the urgent card is sent; low on purpose, since a missed crisis is
 *                        worse than an extra card (a message of n sentences needs 1 - (1 - t) / n per sentence)
 * @param themeThreshold  a sentence of a free-text answer below this probability counts as "other"
 * @param modelCache      folder for models trained at start-up (owner-only; never Redis's data folder)
 */
@ConfigurationProperties("signpost.understanding")
record UnderstandingSettings(
        @DefaultValue("0.5") double intentThreshold,
        @DefaultValue(UnderstandingSettings.CRISIS_THRESHOLD) double crisisThreshold,
        @DefaultValue("0.35") double themeThreshold,
        @DefaultValue("cache/models") Path modelCache) {

    /** The default, the one the evaluation measures (docs/benchmarks.md). */
    static final String CRISIS_THRESHOLD = "0.15";

    UnderstandingSettings {
        if (!probability(intentThreshold) || !probability(crisisThreshold) || !probability(themeThreshold)) {
            throw new IllegalArgumentException("Thresholds are probabilities between 0 and 1");
        }
    }

    private static boolean probability(double value) {
        return value > 0 && value < 1;
    }
}
