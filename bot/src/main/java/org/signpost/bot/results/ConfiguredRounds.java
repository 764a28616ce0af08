package org.signpost.bot.results;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The survey rounds and k as configured for the survey ({@code signpost.survey.*}), read here without
 * touching the survey's own settings. Rounds come from configuration until HR opens them from the pages.
 */
@ConfigurationProperties("signpost.survey")
record ConfiguredRounds(@DefaultValue List<Round> rounds, @DefaultValue("10") int minGroupSize) {

    /** The round a local trial opens when none is configured (as the survey does). */
    static final Round TRIAL = new Round("trial", "staff-survey");

    record Round(String id, String survey) {
    }

    List<Round> orTrial(boolean trial) {
        return rounds.isEmpty() && trial ? List.of(TRIAL) : rounds;
    }
}
