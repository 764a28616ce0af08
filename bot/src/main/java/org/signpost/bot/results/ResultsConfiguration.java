package org.signpost.bot.results;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.signpost.bot.redis.AuditLog;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.hrsummary.ResultsSummaries;
import org.signpost.dialogs.hrsummary.ResultsSummary;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.RoundRegistry;
import org.signpost.dialogs.survey.RoundSchedule;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** HR results: the pages' service, the audit log, and the summary in Teams for people with the HR role. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ResultsSettings.class, SurveyThreshold.class})
class ResultsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResultsConfiguration.class);

    @Bean
    RedisResults redisResults(UnifiedJedis redis, RedisSettings redisSettings) {
        return new RedisResults(redis, redisSettings.keyPrefix());
    }

    @Bean
    AuditLog auditLog(UnifiedJedis redis, RedisSettings redisSettings, ResultsSettings settings, Clock clock) {
        return new AuditLog(redis, redisSettings.keyPrefix(), settings.auditRetention(), clock);
    }

    @Bean
    ResultsService resultsService(RoundRegistry rounds, SurveyThreshold threshold, ResultsSettings settings,
            RedisResults store, ContentFolder content, Clock clock) {
        RoundReport.Rules rules = new RoundReport.Rules(threshold.minGroupSize(), settings.managerGrouping(),
                settings.managerValue(), settings.underRepresentedRatio());
        return new ResultsService(rounds, new SurveyCatalog(content), store, rules, clock);
    }

    /** The thin timer over the rounds' schedule: what it opens or closes goes in the audit log. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService roundScheduleTimer(RoundRegistry rounds, AuditLog audit, ResultsSettings settings,
            Clock clock) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "round-schedule");
            thread.setDaemon(true);
            return thread;
        });
        long tick = settings.scheduleTick().toMillis();
        timer.scheduleWithFixedDelay(() -> runSchedule(rounds, audit, clock), tick, tick, TimeUnit.MILLISECONDS);
        return timer;
    }

    static void runSchedule(RoundRegistry rounds, AuditLog audit, Clock clock) {
        try {
            for (RoundRegistry.Done done : rounds.runDue(clock.instant())) {
                audit.record(SCHEDULE, done.action() == RoundSchedule.Action.OPEN ? "opened" : "closed",
                        "round " + done.roundId() + " as scheduled");
            }
        } catch (RuntimeException e) {
            log.warn("The round schedule failed ({})", e.getClass().getSimpleName());
        }
    }

    /** Who the audit log names for what the schedule did. */
    static final String SCHEDULE = "the schedule";

    @Bean
    ResultsSummary resultsSummary(ResultsSettings settings, ResultsService service, AuditLog audit) {
        ResultsSummaries summaries = person -> {
            audit.record("Teams user " + person, "viewed", "results summary in Teams");
            return service.current().flatMap(round -> service.report(round.id()));
        };
        return new ResultsSummary(summaries, settings.pagesUrl());
    }
}
