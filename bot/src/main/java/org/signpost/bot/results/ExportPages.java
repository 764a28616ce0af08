package org.signpost.bot.results;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.results.RoundReport;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * HR's exports of a round's results (CSV, XLSX, JSON), each written to the audit log as begun and as done or
 * failed; a malformed or unknown round as for its pages ({@link ResultsPages#report}).
 */
@Controller
final class ExportPages {

    private final ResultsService results;
    private final AuditLog audit;
    private final Messages messages;

    ExportPages(ResultsService results, AuditLog audit, Messages messages) {
        this.results = results;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/hr/rounds/{round}/results.csv")
    void csv(@PathVariable("round") String roundId, Principal user, HttpServletResponse response) throws IOException {
        RoundReport report = ResultsPages.report(results, roundId);
        audit.download(user.getName(), "round " + roundId + " as CSV", () -> download(response, report, "csv",
                new MediaType("text", "csv", StandardCharsets.UTF_8),
                out -> Exports.csv(Exports.table(report, labels(report)), out)));
    }

    @GetMapping("/hr/rounds/{round}/results.xlsx")
    void xlsx(@PathVariable("round") String roundId, Principal user, HttpServletResponse response) throws IOException {
        RoundReport report = ResultsPages.report(results, roundId);
        audit.download(user.getName(), "round " + roundId + " as XLSX", () -> download(response, report, "xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                out -> Exports.xlsx(Exports.table(report, labels(report)), roundId, out)));
    }

    @GetMapping("/hr/rounds/{round}/results.json")
    void json(@PathVariable("round") String roundId, Principal user, HttpServletResponse response) throws IOException {
        RoundReport report = ResultsPages.report(results, roundId);
        audit.download(user.getName(), "round " + roundId + " as JSON", () -> download(response, report, "json",
                MediaType.APPLICATION_JSON, out -> Exports.json(report, Exports.table(report, labels(report)), out)));
    }

    /** Writes an export as it is made; see {@link Download} for what HR sees if that fails part way. */
    private static void download(HttpServletResponse response, RoundReport report, String extension, MediaType type,
            Download.Export export) throws IOException {
        Download.write(response, report.results().survey().id() + "-" + report.roundId() + "-results." + extension,
                type, export);
    }

    private Labels labels(RoundReport report) {
        return new Labels(report.results().survey(), messages.wording("en-GB"));
    }
}
