package org.signpost.bot.audit;

import static org.signpost.bot.audit.Finding.counts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.signpost.bot.audit.DiskFacts.Logged;

/**
 * The data folder's residual window (DESIGN §2c): few recent submissions kept apart in the append-only file,
 * none older than the rewrite interval allows.
 */
final class ResidualWindowRule {

    private static final Pattern ACTIVE_TIME = Pattern.compile("[0-9]{13}");
    /** Slack on the rewrite interval: the timer's tick (at most 30 s) and the rewrite itself. */
    private static final Duration WINDOW_SLACK = Duration.ofMinutes(1);

    private final AuditedKeys audited;

    ResidualWindowRule(AuditedKeys audited) {
        this.audited = audited;
    }

    /**
     * Each submission is logged as one block (MULTI … EXEC, adding a respondent token) until the next
     * rewrite. Its time is the latest one the file records before it: a Redis 7 time annotation, or the
     * last-active time written at the start of the same turn.
     */
    Finding judge(DiskFacts disk, Instant now) {
        long groups = 0;
        Optional<Instant> oldest = Optional.empty();
        boolean timeless = false;
        boolean inBlock = false;
        boolean submission = false;
        Optional<Instant> lastTime = Optional.empty();
        for (Logged command : disk.commands()) {
            if (command.annotatedTime().isPresent()
                    && (lastTime.isEmpty() || command.annotatedTime().get().isAfter(lastTime.get()))) {
                lastTime = command.annotatedTime();
            }
            switch (command.name()) {
                case "MULTI" -> {
                    inBlock = true;
                    submission = false;
                }
                case "EXEC" -> {
                    if (inBlock && submission) {
                        groups++;
                        if (lastTime.isEmpty()) {
                            timeless = true;
                        } else if (oldest.isEmpty() || lastTime.get().isBefore(oldest.get())) {
                            oldest = lastTime;
                        }
                    }
                    inBlock = false;
                }
                case "SADD" -> submission |= inBlock && audited.keyspace(command.args().get(1))
                        .filter(rule -> rule.name().equals("resp")).isPresent();
                case "SET" -> {
                    if (command.args().size() >= 3 && audited.keyspace(command.args().get(1))
                            .filter(rule -> rule.name().equals("conv")).isPresent()
                            && ACTIVE_TIME.matcher(command.args().get(2)).matches()) {
                        Instant active = Instant.ofEpochMilli(Long.parseLong(command.args().get(2)));
                        if (lastTime.isEmpty() || active.isAfter(lastTime.get())) {
                            lastTime = Optional.of(active);
                        }
                    }
                }
                default -> {
                }
            }
        }
        long ageSeconds = oldest.map(time -> Math.max(0, Duration.between(time, now).toSeconds())).orElse(-1L);
        Map<String, Long> counts = counts("submissionGroups", groups, "oldestGroupAgeSeconds", ageSeconds,
                "promisedAtMostGroups", (long) audited.expected().rewriteEvery() - 1,
                "promisedAtMostSeconds", audited.expected().rewriteInterval().plus(WINDOW_SLACK).toSeconds());
        boolean tooMany = groups >= audited.expected().rewriteEvery();
        boolean tooOld = ageSeconds > audited.expected().rewriteInterval().plus(WINDOW_SLACK).toSeconds();
        Verdict verdict = tooMany || tooOld ? Verdict.FAIL : timeless ? Verdict.WARN : Verdict.PASS;
        return new Finding("disk-residual-window", verdict, counts);
    }
}
