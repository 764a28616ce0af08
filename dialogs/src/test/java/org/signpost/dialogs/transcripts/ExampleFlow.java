package org.signpost.dialogs.transcripts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.flow.Completion;
import org.signpost.dialogs.flow.Flow;
import org.signpost.dialogs.flow.FlowDefinition;
import org.signpost.dialogs.flow.FlowFiles;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.kernel.Turn;

/**
 * The engine's example flow ({@code flows/example.yaml} of the test content): a sign-up that keeps what it
 * was given, as a focus-group sign-up will. Sessions are a live list a transcript can close. Its runs are
 * in the engine's store for every flow, which deletes them once completed.
 */
final class ExampleFlow implements Flow, Completion {

    static final String INSTANCE = "spring";

    final List<Map<String, String>> kept = new ArrayList<>();
    final Map<String, String> sessions = new LinkedHashMap<>(Map.of("tuesday", "Tuesday 10:00", "thursday",
            "Thursday 14:00"));
    private final FlowDefinition definition;

    ExampleFlow(ContentFolder content) {
        this.definition = new FlowFiles(content).load("example");
    }

    @Override
    public String id() {
        return definition.id();
    }

    @Override
    public List<String> openInstances() {
        return List.of(INSTANCE);
    }

    @Override
    public FlowDefinition definition(String instance) {
        return definition;
    }

    @Override
    public Completion completion() {
        return this;
    }

    @Override
    public Duration ttl() {
        return Duration.ofHours(4);
    }

    @Override
    public Map<String, String> liveOptions(String source, Turn turn) {
        return source.equals("sessions") ? Map.copyOf(sessions) : Map.of();
    }

    @Override
    public boolean alreadyDone(Turn turn, String instance) {
        return kept.stream().anyMatch(signup -> signup.get("conversation").equals(turn.conversationKey()));
    }

    @Override
    public Result complete(Turn turn, FlowRun run) {
        if (alreadyDone(turn, run.instance())) {
            return Result.of(Outcome.ALREADY_DONE);
        }
        Map<String, String> signup = new LinkedHashMap<>(run.answers());
        signup.put("conversation", turn.conversationKey());
        kept.add(signup);
        return Result.of(Outcome.DONE);
    }
}
