package org.signpost.bot.understanding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sure the categorisers must be.
 *
 * @param intentThreshold below this probability the bot says it did not understand and shows the menu
 * @param crisisThreshold from this probability of "crisis" the urgent card is sent; low on purpose,
 *                        since a missed crisis is worse than an extra card
 * @param themeThreshold  a sentence of a free-text answer below this probability counts as "other"
 */
@ConfigurationProperties("signpost.understanding")
record UnderstandingSettings(
        @DefaultValue("0.5") double intentThreshold,
        @DefaultValue("0.3") double crisisThreshold,
        @DefaultValue("0.35") double themeThreshold) {

    UnderstandingSettings {
        if (!probability(intentThreshold) || !probability(crisisThreshold) || !probability(themeThreshold)) {
            throw new IllegalArgumentException("Thresholds are probabilities between 0 and 1");
        }
    }

    private static boolean probability(double value) {
        return value > 0 && value < 1;
    }
}
