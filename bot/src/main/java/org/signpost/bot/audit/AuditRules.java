package org.signpost.bot.audit;

import static org.signpost.bot.audit.Finding.counts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.signpost.bot.audit.AuditInput.Expected;

/**
 * The audit's rules, as plain functions of what was read: each gives a rule name, a verdict and counts,
 * never a key name or a value. The rules follow DESIGN §2a (every key in its keyspace, of its shape, with
 * its lifetime), §2 (no identifiers or readable answers outside where they belong; sealed records sealed;
 * every counter hash of a round alike; tokens of closed rounds gone), §2c (the data folder: no keys, no
 * identifiers, a bounded residual window) and the server settings the promise relies on: the store's
 * ({@link StoreRules}), the data folder's ({@link DiskRules}), the logs' ({@link LogRules}) and the servers'
 * ({@link ServerRules}), in that order, then the disclosure threshold.
 */
final class AuditRules {

    private final Expected expected;
    private final StoreRules store;
    private final DiskRules disk;
    private final LogRules logs;

    AuditRules(Expected expected) {
        this.expected = expected;
        AuditedKeys keys = new AuditedKeys(expected);
        this.store = new StoreRules(keys);
        this.disk = new DiskRules(keys);
        this.logs = new LogRules(keys);
    }

    List<Finding> judge(AuditInput input) {
        List<Finding> findings = new ArrayList<>(store.judge(input.store(), input.now()));
        findings.addAll(disk.judge(input.disk(), input.store(), input.now()));
        findings.add(logs.judge(input.logs()));
        findings.addAll(new ServerRules(expected.prefix()).judge(input.servers()));
        findings.add(threshold());
        return findings;
    }

    /** Keys per keyspace; keys with Signpost's prefix in no known keyspace under "unknown". */
    Map<String, Long> keyspaceCounts(List<StoredKey> keys) {
        return store.keyspaceCounts(keys);
    }

    private Finding threshold() {
        Map<String, Long> counts = counts("k", (long) expected.k(), "rewriteEvery", (long) expected.rewriteEvery(),
                "rewriteIntervalSeconds", expected.rewriteInterval().toSeconds());
        return new Finding("disclosure-threshold", expected.k() >= 5 && expected.rewriteEvery() <= expected.k()
                ? Verdict.PASS : Verdict.FAIL, counts);
    }
}
