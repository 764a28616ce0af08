package org.signpost.bot.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.survey.SurveyDefinition;

/**
 * Everything the rules judge: what the store, the server, the data folder and the logs hold, against
 * what the settings promise.
 *
 * @param disk empty when no data folder was given (an external Redis whose folder the audit cannot see)
 * @param logs empty when no log files were given
 */
record AuditInput(Expected expected, List<StoredKey> store, ServersRead servers, Optional<DiskFacts> disk,
        List<LogFile> logs, Instant now) {

    /**
     * @param rounds          the survey of each configured round
     * @param surveys         every survey the app has, to recognise a round by its structure hash
     * @param rewriteEvery    submissions after which the append-only file is rewritten
     * @param rewriteInterval the longest a survey change waits for a rewrite
     * @param announcementRetention how long an announcement's record is kept after its time to send
     */
    record Expected(String prefix, int k, int rewriteEvery, Duration rewriteInterval, List<KeyspaceRule> keyspaces,
            Map<String, SurveyDefinition> rounds, List<SurveyDefinition> surveys, Duration announcementRetention) {
    }

    record LogFile(String name, List<String> lines) {
    }
}
