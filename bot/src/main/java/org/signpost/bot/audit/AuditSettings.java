package org.signpost.bot.audit;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the privacy audit reads besides the live store.
 *
 * @param dataFolder Redis's data folder; unset, the embedded Redis's ({@code signpost.redis.data-folder}).
 *                   With an external Redis, its folder as mounted where the audit runs, or none
 * @param logFiles   log files to check for anything personal (the app logs to standard output: where it is
 *                   kept in files, name them)
 */
@ConfigurationProperties("signpost.audit")
record AuditSettings(Path dataFolder, @DefaultValue List<Path> logFiles) {
}
