package org.signpost.dialogs.flow;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A fake of the engine's run stores for transcripts, compare-and-set like the real one (no TTL). */
public final class InMemoryFlowRuns implements FlowRunStores {

    /** Every flow's runs, by flow, instance and conversation. */
    public final Map<String, FlowRun> runs = new HashMap<>();
    private long revisions;

    @Override
    public FlowRunStore of(String flow, Duration ttl) {
        return new FlowRunStore() {
            @Override
            public Optional<FlowRun> load(String instance, String conversationKey) {
                synchronized (InMemoryFlowRuns.this) {
                    return Optional.ofNullable(runs.get(key(flow, instance, conversationKey)));
                }
            }

            @Override
            public boolean save(String conversationKey, FlowRun run) {
                synchronized (InMemoryFlowRuns.this) {
                    String key = key(flow, run.instance(), conversationKey);
                    FlowRun stored = runs.get(key);
                    if (!Objects.equals(stored == null ? null : stored.revision(), run.revision())) {
                        return false;
                    }
                    runs.put(key, run.at(Long.toString(++revisions)));
                    return true;
                }
            }

            @Override
            public void delete(String instance, String conversationKey) {
                synchronized (InMemoryFlowRuns.this) {
                    runs.remove(key(flow, instance, conversationKey));
                }
            }
        };
    }

    private static String key(String flow, String instance, String conversationKey) {
        return flow + "/" + instance + "/" + conversationKey;
    }
}
