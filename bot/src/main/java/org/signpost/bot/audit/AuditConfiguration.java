package org.signpost.bot.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.signpost.bot.redis.AuditLog;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.bot.redis.RedisUrl;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.UnifiedJedis;

/** The privacy audit inside the app, for the auditor's page: the live store, as the app reaches it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuditSettings.class, SurveyPromises.class})
class AuditConfiguration {

    static final String LIVE = "audit.read.live";
    static final String COPY = "audit.read.copy";

    @Bean
    Auditor auditor(UnifiedJedis redis, RedisSettings redisSettings, SurveyPromises survey, AuditSettings settings,
            Environment environment, ContentFolder content, Messages messages, Clock clock, AuditLog log) {
        return new Auditor(redis, setup(redisSettings, survey, settings, environment, LIVE,
                redisSettings.embedded() ? Optional.of(redisSettings.dataFolder()) : Optional.empty()),
                content, messages.wording("en-GB"), clock, recorder(log));
    }

    /** The same setup for the app and the command: what to expect, and where to look. */
    static Auditor.Setup setup(RedisSettings redis, SurveyPromises survey, AuditSettings settings,
            Environment environment, String source, Optional<Path> embeddedDataFolder) {
        Binder binder = Binder.get(environment);
        Duration idleGap = binder.bind("signpost.conversation.idle-gap", Duration.class).orElse(Duration.ofHours(12));
        Duration day = Duration.ofHours(24);
        Duration announcements = binder.bind("signpost.broadcast.retention", Duration.class).orElse(Duration.ofDays(365));
        String appUser = redis.embedded() ? "default"
                : Optional.ofNullable(RedisUrl.parse(redis.url()).user()).orElse("default");
        Optional<Path> dataFolder = Optional.ofNullable(settings.dataFolder()).or(() -> embeddedDataFolder);
        RedisReader.Nodes nodes = redis.embedded() ? node -> {
            throw new IllegalStateException("The embedded Redis is one server");
        } : node -> RedisUrl.parse(redis.url()).connectTo(node, redis.client());
        return new Auditor.Setup(redis.keyPrefix(), survey, idleGap.compareTo(day) > 0 ? idleGap : day, announcements, source,
                appUser, !redis.embedded(), dataFolder, settings.logFiles(), nodes);
    }

    static Auditor.Record recorder(AuditLog log) {
        return (who, report) -> log.record(who, "audited",
                "privacy audit: " + report.verdict() + ", report SHA-256 " + report.sha256());
    }
}
