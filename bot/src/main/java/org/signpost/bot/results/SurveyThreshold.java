package org.signpost.bot.results;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** k as configured for the survey ({@code signpost.survey.min-group-size}), read here without the survey's settings. */
@ConfigurationProperties("signpost.survey")
record SurveyThreshold(@DefaultValue("10") int minGroupSize) {
}
