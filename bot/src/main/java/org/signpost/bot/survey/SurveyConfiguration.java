package org.signpost.bot.survey;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.Durability;
import org.signpost.bot.redis.RedisServerSettings;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.survey.RespondentTokens;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyFlow;
import org.signpost.dialogs.survey.SurveyHoldings;
import org.signpost.dialogs.survey.ThemeExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.UnifiedJedis;

/** Surveys: the rounds (seeded from configuration), and the survey conversation wired to Redis. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurveySettings.class)
class SurveyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SurveyConfiguration.class);

    /** A local trial with no rounds configured gets one open round of the default survey, to try at once. */
    static final RoundSeeds.Seed TRIAL_ROUND = new RoundSeeds.Seed("trial", "staff-survey", true);

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
        return new AppendOnlyRewrites(clock, settings.rewriteInterval(), AppendOnlyRewrites.Request.to(redis));
    }

    /**
     * On a clean stop, a rewrite still due is made before Redis goes (the embedded one stops right after, and a
     * rewrite cut short is lost), so a stopped bot does not keep its last submissions apart on disk until it
     * starts again. The embedded Redis is stopped by its bean alone, after this (no shutdown hook of its own).
     */
    @Bean
    DisposableBean appendOnlyRewriteOnStop(AppendOnlyRewrites rewrites, UnifiedJedis redis) {
        return () -> {
            if (!rewrites.rewriteIfDue()) {
                return;
            }
            try {
                for (int wait = 0; wait < 200 && rewriting(redis); wait++) {
                    Thread.sleep(50);
                }
            } catch (RuntimeException e) {
                log.warn("Could not see the append-only rewrite finish before stopping ({})", e.getClass().getSimpleName());
            }
        };
    }

    private static boolean rewriting(UnifiedJedis redis) {
        return RedisServerSettings.info(redis, "persistence", "aof_rewrite_in_progress").map("1"::equals).orElse(false)
                || RedisServerSettings.info(redis, "persistence", "aof_rewrite_scheduled").map("1"::equals).orElse(false);
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
    SealedProgress surveyProgress(UnifiedJedis redis, RedisSettings redisSettings, SurveySettings settings,
            AppKeys keys, AppendOnlyRewrites rewrites) {
        return new SealedProgress(redis, redisSettings.keyPrefix(), keys.pseudonyms("progress"), keys.seal("progress"),
                rewrites, settings.progressTtl());
    }

    @Bean
    RedisSurveyStore surveyStore(UnifiedJedis redis, RedisSettings redisSettings, SurveySettings settings,
            SealedProgress progress, RespondentTokens tokens, Senders senders, AppendOnlyRewrites rewrites,
            Durability durability) {
        return new RedisSurveyStore(redis, redisSettings.keyPrefix(), new RedisSurveyStore.Settings(
                tokens.fingerprint(), senders.isTrial(), settings.rewriteEvery()), progress, rewrites, durability);
    }

    /** The rounds, shared by every instance through Redis; configuration seeds them at start-up. */
    @Bean
    RedisRounds surveyRounds(UnifiedJedis redis, RedisSettings redisSettings, SurveySettings settings,
            RedisSurveyStore store, ContentFolder content, Senders senders, Clock clock) {
        RedisRounds rounds = new RedisRounds(redis, redisSettings.keyPrefix(), store, new SurveyCatalog(content), clock,
                redisSettings.reuseOpenReads());
        rounds.seed(settings.rounds().stream().map(round -> new RoundSeeds.Seed(round.id(), round.survey(),
                round.open())).toList(), senders.isTrial() ? Optional.of(TRIAL_ROUND) : Optional.empty());
        rounds.open().ifPresent(round -> {
            if (senders.isTrial()) {
                log.warn("Local trial: senders are not vouched for, so round {} is marked as trial data once anyone "
                        + "answers", round.id());
            }
        });
        return rounds;
    }

    @Bean
    SurveyFlow surveyFlow(SurveySettings settings, RedisRounds rounds, RedisSurveyStore store, SealedProgress progress,
            ThemeExtractor themes, RespondentTokens tokens, MeterRegistry registry) {
        return new SurveyFlow(rounds, progress, new MeteredSurveyTotals(store, registry), tokens, themes,
                settings.progressTtl(), settings.minGroupSize());
    }

    /** "What do you keep about me": a survey started and not submitted, or the open round answered. */
    @Bean
    SurveyHoldings surveyHoldings(RedisRounds rounds, SealedProgress progress, SurveyFlow survey, Messages messages) {
        messages.require(SurveyHoldings.wordingKeys(), "survey holdings");
        return new SurveyHoldings(rounds, progress, survey);
    }
}
