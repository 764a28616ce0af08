package org.signpost.dialogs.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A fake of the run store for transcripts, compare-and-set like the real one. */
public final class InMemoryFlowRuns implements FlowRunStore {

    public final Map<String, FlowRun> runs = new HashMap<>();
    private long revisions;

    @Override
    public synchronized Optional<FlowRun> load(String instance, String conversationKey) {
        return Optional.ofNullable(runs.get(instance + "/" + conversationKey));
    }

    @Override
    public synchronized boolean save(String conversationKey, FlowRun run) {
        FlowRun stored = runs.get(run.instance() + "/" + conversationKey);
        if (!Objects.equals(stored == null ? null : stored.revision(), run.revision())) {
            return false;
        }
        runs.put(run.instance() + "/" + conversationKey, run.at(Long.toString(++revisions)));
        return true;
    }

    @Override
    public synchronized void delete(String instance, String conversationKey) {
        runs.remove(instance + "/" + conversationKey);
    }
}
