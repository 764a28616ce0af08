package org.signpost.dialogs.survey;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A fake of the survey ports for transcripts; the Redis adapters have their own tests against real Redis. */
public final class InMemorySurveyStore implements SurveyProgressStore, SurveyTotals {

    public final Map<String, SurveyProgress> progress = new HashMap<>();
    final Map<String, Set<String>> tokens = new HashMap<>();
    final Map<String, Map<String, Long>> counters = new HashMap<>();
    /** Failures to simulate on the next submits, in order; a failure after sending still counts. */
    final Deque<Outcome> failures = new ArrayDeque<>();
    /** Runs once, after the next save read nothing yet: what another instance's click does meanwhile. */
    Runnable beforeNextSave = () -> { };
    private long revisions;

    @Override
    public Optional<SurveyProgress> load(SurveyRound round, String conversationKey) {
        return Optional.ofNullable(progress.get(round.id() + "/" + conversationKey));
    }

    @Override
    public boolean save(SurveyRound round, String conversationKey, SurveyProgress saved) {
        Runnable meanwhile = beforeNextSave;
        beforeNextSave = () -> { };
        meanwhile.run();
        SurveyProgress stored = progress.get(round.id() + "/" + conversationKey);
        if (!Objects.equals(stored == null ? null : stored.revision(), saved.revision())) {
            return false;
        }
        progress.put(round.id() + "/" + conversationKey, saved.at(Long.toString(++revisions)));
        return true;
    }

    @Override
    public void delete(String roundId, String conversationKey) {
        progress.remove(roundId + "/" + conversationKey);
    }

    @Override
    public boolean hasResponded(String roundId, String token) {
        return tokens.getOrDefault(roundId, Set.of()).contains(token);
    }

    @Override
    public Outcome submit(String roundId, String token, CounterLayout.Submission submission, String conversationKey) {
        Outcome failure = failures.poll();
        if (failure == Outcome.NOT_SAVED) {
            return failure;
        }
        Outcome outcome = add(roundId, token, submission);
        delete(roundId, conversationKey);
        return failure == Outcome.UNKNOWN ? Outcome.UNKNOWN : outcome;
    }

    private Outcome add(String roundId, String token, CounterLayout.Submission submission) {
        if (!tokens.computeIfAbsent(roundId, r -> new HashSet<>()).add(token)) {
            return Outcome.ALREADY_COUNTED;
        }
        submission.increments().forEach((hash, fields) -> fields.forEach(field ->
                counters.computeIfAbsent(roundId + "/" + hash, h -> new HashMap<>()).merge(field, 1L, Long::sum)));
        return Outcome.COUNTED;
    }

    /** Responses counted, over every round. */
    public long responses() {
        return counters.entrySet().stream().filter(entry -> entry.getKey().endsWith("/all"))
                .mapToLong(entry -> entry.getValue().getOrDefault("responses", 0L)).sum();
    }

    long count(String roundId, String hash, String field) {
        return counters.getOrDefault(roundId + "/" + hash, Map.of()).getOrDefault(field, 0L);
    }
}
