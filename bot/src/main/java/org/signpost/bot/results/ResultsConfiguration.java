package org.signpost.bot.results;

import java.time.Clock;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.hrsummary.ResultsSummaries;
import org.signpost.dialogs.hrsummary.ResultsSummary;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.UnifiedJedis;

/** HR results: the pages' service, the audit log, and the summary in Teams for people with the HR role. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ResultsSettings.class, ConfiguredRounds.class})
class ResultsConfiguration {

    @Bean
    RedisResults redisResults(UnifiedJedis redis, RedisSettings redisSettings) {
        return new RedisResults(redis, redisSettings.keyPrefix());
    }

    @Bean
    AuditLog auditLog(UnifiedJedis redis, RedisSettings redisSettings, ResultsSettings settings, Clock clock) {
        return new AuditLog(redis, redisSettings.keyPrefix(), settings.auditRetention(), clock);
    }

    @Bean
    ResultsService resultsService(ConfiguredRounds rounds, ResultsSettings settings, RedisResults store,
            ContentFolder content, Environment environment, Clock clock) {
        boolean trial = environment.getProperty("MicrosoftAppId", "").isBlank();
        RoundReport.Rules rules = new RoundReport.Rules(rounds.minGroupSize(), settings.managerGrouping(),
                settings.managerValue(), settings.underRepresentedRatio());
        return new ResultsService(rounds.orTrial(trial), new SurveyCatalog(content), store, rules, clock);
    }

    @Bean
    ResultsSummary resultsSummary(ResultsSettings settings, ResultsService service, AuditLog audit) {
        ResultsSummaries summaries = person -> {
            audit.record("Teams user " + person, "viewed", "results summary in Teams");
            return service.current().flatMap(round -> service.report(round.id()));
        };
        return new ResultsSummary(summaries, settings.pagesUrl());
    }
}
