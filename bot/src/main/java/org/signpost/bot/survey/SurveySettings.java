package org.signpost.bot.survey;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Survey rounds and their safeguards.
 *
 * @param rounds          the rounds, declared here until HR pages exist; closing one is final
 * @param minGroupSize    k: no output shows a group under k responses. Never below 5.
 * @param rewriteEvery    Redis's append-only file is rewritten after every this many submissions (and
 *                        when a round closes), so it holds fewer separate submissions than this
 * @param rewriteInterval ... and no later than this after any survey change (answers in progress included)
 * @param allowedTenants  Entra ID tenants whose staff may answer; empty means the bot's own
 *                        ({@code MicrosoftAppTenantId}). Ignored in a local trial, whose rounds are marked
 *                        as trial data.
 * @param progressTtl     how long unfinished answers are kept
 */
@ConfigurationProperties("signpost.survey")
record SurveySettings(
        @DefaultValue List<Round> rounds,
        @DefaultValue("10") int minGroupSize,
        @DefaultValue("10") int rewriteEvery,
        @DefaultValue("10m") Duration rewriteInterval,
        @DefaultValue List<String> allowedTenants,
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
        if (rewriteEvery < 1) {
            throw new IllegalArgumentException("signpost.survey.rewrite-every must be at least 1");
        }
        if (rewriteInterval.compareTo(Duration.ofSeconds(1)) < 0 || rewriteInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("signpost.survey.rewrite-interval must be between 1 second and 1 day");
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

    /** How often the timer looks whether a rewrite is due: often enough to keep the interval. */
    Duration rewriteTick() {
        Duration tenth = rewriteInterval.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                : tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }
}
