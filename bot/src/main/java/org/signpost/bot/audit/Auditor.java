package org.signpost.bot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs the audit: reads the store, the server's settings, the data folder and the logs, judges them by
 * {@link AuditRules}, and makes the report. Shared by the command and the auditor's page.
 */
final class Auditor {

    /** Where to record that an audit was made, and by whom (the audit log of the {@code hr} keyspace). */
    interface Record {
        void audited(String who, AuditReport report);
    }

    /**
     * @param source     wording key of what the store is (the live store, or a copy of the data folder)
     * @param appUser    the ACL user the app connects as
     * @param external   Redis is run by someone else
     * @param dataFolder Redis's data folder, where the audit can read it
     * @param nodes      opens one server by itself (each node of a cluster)
     */
    record Setup(String prefix, SurveyPromises survey, Duration conversationTtl, Duration announcementRetention,
            String source, String appUser,
            boolean external, Optional<Path> dataFolder, List<Path> logFiles, RedisReader.Nodes nodes) {
    }

    private final UnifiedJedis redis;
    private final Setup setup;
    private final ContentFolder content;
    private final Wording wording;
    private final Clock clock;
    private final Record record;

    Auditor(UnifiedJedis redis, Setup setup, ContentFolder content, Wording wording, Clock clock, Record record) {
        this.redis = redis;
        this.setup = setup;
        this.content = content;
        this.wording = wording;
        this.clock = clock;
        this.record = record;
    }

    AuditReport run(String who) {
        AuditInput.Expected expected = expected();
        AuditRules rules = new AuditRules(expected);
        RedisReader.Snapshot read = RedisReader.read(redis, setup.nodes(), setup.appUser(), setup.external());
        List<StoredKey> store = read.keys();
        AuditInput input = new AuditInput(expected, store, read.servers(),
                setup.dataFolder().filter(Files::isDirectory).map(DataFolderReader::read), logs(), clock.instant());
        AuditReport report = AuditReport.of(clock.instant(), Provenance.ofThisBuild(), setup.source(),
                rules.keyspaceCounts(store), rules.judge(input), wording);
        record.audited(who, report);
        return report;
    }

    private AuditInput.Expected expected() {
        SurveyCatalog catalog = new SurveyCatalog(content);
        List<SurveyDefinition> surveys = new ArrayList<>();
        for (String name : content.list("surveys")) {
            if (name.endsWith(".yaml")) {
                surveys.add(catalog.load(name.substring(0, name.length() - ".yaml".length())));
            }
        }
        Map<String, SurveyDefinition> rounds = new LinkedHashMap<>();
        for (SurveyPromises.Round round : setup.survey().rounds()) {
            if (round.id() != null && round.survey() != null) {
                rounds.put(round.id(), catalog.load(round.survey()));
            }
        }
        SurveyPromises survey = setup.survey();
        return new AuditInput.Expected(setup.prefix(), survey.minGroupSize(), survey.rewriteEvery(),
                survey.rewriteInterval(), Keyspaces.all(setup.conversationTtl(), survey.progressTtl()), rounds, surveys,
                setup.announcementRetention());
    }

    private List<AuditInput.LogFile> logs() {
        List<AuditInput.LogFile> logs = new ArrayList<>();
        for (Path file : setup.logFiles()) {
            try {
                logs.add(new AuditInput.LogFile(file.getFileName().toString(),
                        Files.readAllLines(file, StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the log file " + file, e);
            }
        }
        return logs;
    }
}
