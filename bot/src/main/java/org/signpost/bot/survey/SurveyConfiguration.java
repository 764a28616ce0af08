package org.signpost.bot.survey;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.signpost.bot.redis.Durability;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyConversation;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.ThemeExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.UnifiedJedis;

/** Surveys: rounds opened or closed at start-up as configured, and the survey conversation wired to Redis. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurveySettings.class)
class SurveyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SurveyConfiguration.class);

    /** A local trial with no rounds configured gets one open round of the default survey, to try at once. */
    static final SurveySettings.Round TRIAL_ROUND = new SurveySettings.Round("trial", "staff-survey", "open");

    @Bean
    RedisSurveyStore surveyStore(UnifiedJedis redis, RedisSettings redisSettings, SurveySettings settings,
            Durability durability) {
        return new RedisSurveyStore(redis, redisSettings.keyPrefix(), settings.minGroupSize(), settings.progressTtl(),
                durability);
    }

    @Bean
    SurveyConversation surveyConversation(SurveySettings settings, RedisSettings redisSettings,
            RedisSurveyStore store, ContentFolder content, ThemeExtractor themes, Environment environment,
            MeterRegistry registry) {
        boolean trial = environment.getProperty("MicrosoftAppId", "").isBlank();
        byte[] secret = TokenSecret.resolve(settings.tokenSecret(), redisSettings.dataFolder(),
                !trial && !redisSettings.embedded());
        return new SurveyConversation(openRounds(settings, store, content, trial), store,
                new MeteredSurveyTotals(store, registry),
                new RespondentTokens(secret), themes);
    }

    private static List<SurveyRound> openRounds(SurveySettings settings, RedisSurveyStore totals,
            ContentFolder content, boolean trial) {
        List<SurveySettings.Round> configured = settings.rounds().isEmpty() && trial
                ? List.of(TRIAL_ROUND)
                : settings.rounds();
        SurveyCatalog catalog = new SurveyCatalog(content);
        List<SurveyRound> open = new ArrayList<>();
        for (SurveySettings.Round configuredRound : configured) {
            if (!configuredRound.open()) {
                totals.close(configuredRound.id());
                continue;
            }
            SurveyRound round = new SurveyRound(configuredRound.id(), catalog.load(configuredRound.survey()));
            switch (totals.open(round)) {
                case OPENED, ALREADY_OPEN -> open.add(round);
                case CLOSED -> log.warn("Round {} is configured open but was closed before; a closed round never "
                        + "reopens, so it stays closed", round.id());
                case SURVEY_CHANGED -> throw new IllegalStateException("The survey " + configuredRound.survey()
                        + " changed its questions or options while round " + round.id() + " is open; its totals "
                        + "would no longer add up. Restore the survey file, or close the round and open a new one.");
            }
        }
        if (open.size() > 1) {
            throw new IllegalStateException("Only one survey round can be open at a time; open: "
                    + open.stream().map(SurveyRound::id).toList());
        }
        return open;
    }
}
