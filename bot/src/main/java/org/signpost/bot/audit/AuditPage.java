package org.signpost.bot.audit;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import org.signpost.bot.redis.AuditLog;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The auditor's page ({@code /audit}, the auditor role): runs the audit on request (a form with its CSRF
 * token), shows the report, and lets the auditor download it, the JSON and the summary naming the same
 * SHA-256. The report is kept in the auditor's session only; every run goes in the audit log, and every download as begun and as done or failed.
 */
@Controller
final class AuditPage {

    private static final String REPORT = "signpost.audit.report";

    private final Auditor auditor;
    private final AuditLog log;
    private final Messages messages;

    AuditPage(Auditor auditor, Messages messages, AuditLog log) {
        this.auditor = auditor;
        this.log = log;
        this.messages = messages;
    }

    @GetMapping("/audit")
    String page(Model model, HttpSession session) {
        Wording wording = messages.wording("en-GB");
        model.addAttribute("w", wording);
        if (session.getAttribute(REPORT) instanceof AuditReport report) {
            // plain values only: the templates' expressions cannot call into the feature's own types
            model.addAttribute("report", true);
            model.addAttribute("verdict", report.verdict().name());
            model.addAttribute("overall", wording.text("audit.overall." + report.verdict().name()));
            model.addAttribute("madeBy", wording.text("audit.madeBy", Map.of("at", report.madeAt().toString(),
                    "version", report.madeBy().version(), "commit", report.madeBy().commit())));
            model.addAttribute("read", wording.text(report.source()));
            model.addAttribute("sha256", wording.text("audit.sha256", Map.of("sha256", report.sha256())));
            model.addAttribute("holdings", report.holdings());
            model.addAttribute("sections", AuditReport.LOUDEST_FIRST.stream()
                    .filter(verdict -> !report.with(verdict).isEmpty())
                    .map(verdict -> Map.of("verdict", verdict.name(), "heading", wording.text(AuditReport.heading(verdict)),
                            "rules", report.with(verdict).stream().map(finding -> Map.of("rule", finding.rule(),
                                    "promise", report.promise(finding), "counts", AuditReport.counts(finding))).toList()))
                    .toList());
        }
        return "audit/report";
    }

    @PostMapping("/audit")
    String run(Principal user, HttpSession session) {
        session.setAttribute(REPORT, auditor.run(user.getName()));
        return "redirect:/audit";
    }

    @GetMapping("/audit/report.json")
    void json(Principal user, HttpSession session, HttpServletResponse response) throws IOException {
        AuditReport report = report(session);
        download(user, report, response, report.json(), "json", MediaType.APPLICATION_JSON);
    }

    @GetMapping("/audit/report.txt")
    void text(Principal user, HttpSession session, HttpServletResponse response) throws IOException {
        AuditReport report = report(session);
        download(user, report, response, report.textBytes(), "txt", new MediaType("text", "plain", StandardCharsets.UTF_8));
    }

    private static AuditReport report(HttpSession session) {
        if (session.getAttribute(REPORT) instanceof AuditReport report) {
            return report;
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    /** Written here rather than returned, so that the audit log records it as sent only once it was. */
    private void download(Principal user, AuditReport report, HttpServletResponse response, byte[] body,
            String extension, MediaType type) throws IOException {
        log.download(user.getName(), "privacy audit report SHA-256 " + report.sha256(), () -> {
            response.setContentType(type.toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("signpost-privacy-audit." + extension).build().toString());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        });
    }
}
