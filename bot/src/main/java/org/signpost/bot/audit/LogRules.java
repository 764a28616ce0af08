package org.signpost.bot.audit;

import static org.signpost.bot.audit.Finding.counts;

import java.util.List;
import java.util.Map;

/** The audit's rule about the log files it was given: no line names someone or holds an answer. */
final class LogRules {

    private final AuditedKeys audited;

    LogRules(AuditedKeys audited) {
        this.audited = audited;
    }

    Finding judge(List<AuditInput.LogFile> logs) {
        if (logs.isEmpty()) {
            return new Finding("logs-hold-nothing-personal", Verdict.NOT_CHECKED, Map.of());
        }
        long lines = 0;
        long personal = 0;
        for (AuditInput.LogFile log : logs) {
            for (String line : log.lines()) {
                lines++;
                if (Identifiers.namesSomeone(line) || audited.identifiers().holdsAnswers(line)) {
                    personal++;
                }
            }
        }
        return Finding.failIfAny("logs-hold-nothing-personal", counts("files", (long) logs.size(), "lines", lines,
                "linesNamingSomeoneOrAnAnswer", personal), "linesNamingSomeoneOrAnAnswer");
    }
}
