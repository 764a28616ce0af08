package org.signpost.bot.survey;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Survey rounds and their safeguards.
 *
 * @param rounds        the rounds, declared here until HR pages exist; closing one is final
 * @param minGroupSize  k: no output shows a group under k responses; the append-only file is also
 *                      rewritten after every k submissions. Never below 5.
 * @param tokenSecret   key of the respondent tokens (at least 32 characters); unset, a local one is
 *                      generated once into the data folder
 * @param progressTtl   how long unfinished answers are kept
 */
@ConfigurationProperties("signpost.survey")
record SurveySettings(
        @DefaultValue List<Round> rounds,
        @DefaultValue("10") int minGroupSize,
        String tokenSecret,
        @DefaultValue("4h") Duration progressTtl) {

    /** @param state {@code open} or {@code closed} */
    record Round(String id, String survey, @DefaultValue("open") String state) {
        boolean open() {
            return "open".equalsIgnoreCase(state);
        }
    }

    SurveySettings {
        if (minGroupSize < 5) {
            throw new IllegalArgumentException("signpost.survey.min-group-size must be at least 5");
        }
        if (progressTtl.isNegative() || progressTtl.isZero() || progressTtl.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("signpost.survey.progress-ttl must be between 1 second and 1 day");
        }
        for (Round round : rounds) {
            if (!round.open() && !"closed".equalsIgnoreCase(round.state())) {
                throw new IllegalArgumentException("A round's state is open or closed, not " + round.state());
            }
        }
    }
}
