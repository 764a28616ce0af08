package org.signpost.bot.audit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The survey settings the audit holds the store to ({@code signpost.survey.*}), read here without touching
 * the survey's own settings.
 */
@ConfigurationProperties("signpost.survey")
record SurveyPromises(@DefaultValue List<Round> rounds, @DefaultValue("10") int minGroupSize,
        @DefaultValue("10") int rewriteEvery, @DefaultValue("10m") Duration rewriteInterval,
        @DefaultValue("4h") Duration progressTtl) {

    record Round(String id, String survey) {
    }
}
