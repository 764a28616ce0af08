package org.signpost.bot.survey;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.Durability;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyFlow;
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
    Senders senders(SurveySettings settings, Environment environment) {
        if (environment.getProperty("MicrosoftAppId", "").isBlank()) {
            return Senders.trial();
        }
        Set<String> tenants = new LinkedHashSet<>(settings.allowedTenants());
        String own = environment.getProperty("MicrosoftAppTenantId", "");
        if (tenants.isEmpty() && !own.isBlank()) {
            tenants.add(own);
        }
        if (tenants.isEmpty()) {
            throw new IllegalStateException("Survey answers are taken only from staff of allowed tenants: set "
                    + "MicrosoftAppTenantId, or SIGNPOST_SURVEY_ALLOWED_TENANTS");
        }
        return Senders.vouchedBy(tenants);
    }

    @Bean
    RespondentTokens respondentTokens(AppKeys keys) {
        return new RespondentTokens(keys.respondentTokenKey());
    }

    @Bean
    AppendOnlyRewrites appendOnlyRewrites(UnifiedJedis redis, Clock clock, SurveySettings settings) {
        return new AppendOnlyRewrites(clock, settings.rewriteInterval(),
                routingKey -> RedisSurveyStore.requestRewrite(redis, routingKey));
    }

    /** The thin timer over {@link AppendOnlyRewrites}. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService appendOnlyRewriteTimer(AppendOnlyRewrites rewrites, SurveySettings settings) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "append-only-rewrites");
            thread.setDaemon(true);
            return thread;
        });
        long tick = settings.rewriteTick().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                rewrites.tick();
            } catch (RuntimeException e) {
                log.warn("The append-only rewrite timer failed ({})", e.getClass().getSimpleName());
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    RedisSurveyStore surveyStore(UnifiedJedis redis, RedisSettings redisSettings, SurveySettings settings,
            AppKeys keys, RespondentTokens tokens, Senders senders, AppendOnlyRewrites rewrites,
            Durability durability) {
        return new RedisSurveyStore(redis, redisSettings.keyPrefix(), new RedisSurveyStore.Settings(
                tokens.fingerprint(), senders.isTrial(), settings.rewriteEvery(), settings.progressTtl()),
                keys.pseudonyms("progress"), keys.seal("progress"), rewrites, durability);
    }

    @Bean
    SurveyFlow surveyFlow(SurveySettings settings, RedisSurveyStore store, ContentFolder content,
            ThemeExtractor themes, RespondentTokens tokens, Senders senders, MeterRegistry registry) {
        return new SurveyFlow(openRounds(settings, store, content, senders.isTrial()), store,
                new MeteredSurveyTotals(store, registry), tokens, themes, settings.progressTtl());
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
                case META_LOST -> throw new IllegalStateException("Round " + round.id() + " has counters or "
                        + "respondent tokens in Redis but no metadata (evicted, deleted or partly restored?). Opening "
                        + "it again would reset its totals to zero, so the app stops. Restore the round's "
                        + "agg:{" + round.id() + "}:meta hash from a backup, or close the round.");
                case TOKEN_KEY_CHANGED -> throw new IllegalStateException("Round " + round.id() + " was opened with "
                        + "another respondent-token key: with this one, everyone who answered could answer again. "
                        + "Restore the key the round was opened with, or close the round.");
                case TOKEN_KEY_NOT_PINNED -> throw new IllegalStateException("Round " + round.id() + " was opened by "
                        + "an earlier version that did not pin its respondent-token key, and tokens are now made "
                        + "differently: close the round and open a new one.");
            }
        }
        if (open.size() > 1) {
            throw new IllegalStateException("Only one survey round can be open at a time; open: "
                    + open.stream().map(SurveyRound::id).toList());
        }
        if (trial && !open.isEmpty()) {
            log.warn("Local trial: senders are not vouched for, so round {} is marked as trial data once anyone "
                    + "answers", open.get(0).id());
        }
        return open;
    }
}
