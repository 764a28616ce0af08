package org.signpost.bot.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.signpost.dialogs.content.Wording;

/**
 * A report a wellbeing committee can read and check: a plain-language summary (what Signpost holds right
 * now, and what it could not tell anyone), the findings as JSON, the version and commit that made it, and
 * the SHA-256 of the JSON, which the audit log keeps too. Counts, rule names and verdicts only: never a
 * key's name or a value.
 */
record AuditReport(Instant madeAt, Provenance madeBy, String source, Map<String, Long> keyspaces,
        List<Finding> findings, byte[] json, String sha256, Wording wording) {

    static final String FORMAT = "signpost-privacy-audit/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param source a wording key: what was read (the live store, or a copy of the data folder) */
    static AuditReport of(Instant madeAt, Provenance madeBy, String source, Map<String, Long> keyspaces,
            List<Finding> findings, Wording wording) {
        Instant at = madeAt.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("madeAt", at.toString());
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("version", madeBy.version());
        build.put("commit", madeBy.commit());
        build.put("commitTime", madeBy.commitTime());
        build.put("uncommittedChanges", madeBy.dirty());
        tree.put("madeBy", build);
        tree.put("read", wording.text(source));
        tree.put("verdict", overall(findings).name());
        tree.put("keysPerKeyspace", keyspaces);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("rule", finding.rule());
            rule.put("promise", wording.text("audit.rule." + finding.rule()));
            rule.put("verdict", finding.verdict().name());
            rule.put("counts", finding.counts());
            rules.add(rule);
        }
        tree.put("findings", rules);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new AuditReport(at, madeBy, source, keyspaces, List.copyOf(findings), json, sha256(json), wording);
    }

    static Verdict overall(List<Finding> findings) {
        if (findings.stream().anyMatch(finding -> finding.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (findings.stream().anyMatch(finding -> finding.verdict() == Verdict.WARN)) {
            return Verdict.WARN;
        }
        return findings.stream().anyMatch(finding -> finding.verdict() == Verdict.NOT_CHECKED)
                ? Verdict.NOT_CHECKED : Verdict.PASS;
    }

    Verdict verdict() {
        return overall(findings);
    }

    List<Finding> with(Verdict verdict) {
        return findings.stream().filter(finding -> finding.verdict() == verdict).toList();
    }

    String promise(Finding finding) {
        return wording.text("audit.rule." + finding.rule());
    }

    static String counts(Finding finding) {
        return finding.counts().entrySet().stream().map(count -> count.getKey() + " " + count.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The keyspaces that hold anything, in words, with their counts. */
    List<String> holdings() {
        List<String> lines = new ArrayList<>();
        keyspaces.forEach((keyspace, count) -> {
            if (count > 0) {
                lines.add(wording.text("audit.holds", Map.of("count", Long.toString(count),
                        "what", wording.text("audit.keyspace." + keyspace))));
            }
        });
        return lines;
    }

    /** The plain-language summary, for the committee; it names the JSON's SHA-256. */
    String text() {
        StringBuilder text = new StringBuilder();
        line(text, wording.text("audit.title"));
        line(text, wording.text("audit.madeBy", Map.of("at", madeAt.toString(), "version", madeBy.version(),
                "commit", madeBy.commit())));
        line(text, wording.text(source));
        line(text, "");
        line(text, wording.text("audit.overall." + verdict().name()));
        line(text, "");
        line(text, wording.text("audit.section.holds"));
        List<String> holdings = holdings();
        if (holdings.isEmpty()) {
            line(text, "  - " + wording.text("audit.holdsNothing"));
        }
        holdings.forEach(holding -> line(text, "  - " + holding));
        for (Verdict verdict : LOUDEST_FIRST) {
            section(text, verdict);
        }
        line(text, "");
        line(text, wording.text("audit.sha256", Map.of("sha256", sha256)));
        return text.toString();
    }

    /** What needs attention comes first. */
    static final List<Verdict> LOUDEST_FIRST = List.of(Verdict.FAIL, Verdict.WARN, Verdict.NOT_CHECKED, Verdict.PASS);

    static String heading(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "audit.section.pass";
            case FAIL -> "audit.section.fail";
            case WARN -> "audit.section.warn";
            case NOT_CHECKED -> "audit.section.notChecked";
        };
    }

    private void section(StringBuilder text, Verdict verdict) {
        List<Finding> these = with(verdict);
        if (these.isEmpty()) {
            return;
        }
        line(text, "");
        line(text, wording.text(heading(verdict)));
        for (Finding finding : these) {
            String counts = counts(finding);
            line(text, "  - " + promise(finding) + " [" + finding.rule() + (counts.isEmpty() ? "" : ": " + counts) + "]");
        }
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append('\n');
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] textBytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
