package org.signpost.bot.results;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.dialogs.results.DisclosedRound;
import org.signpost.dialogs.results.DisclosureControl;
import org.signpost.dialogs.results.RoundCounts;
import org.signpost.dialogs.results.RoundReport;
import org.signpost.dialogs.survey.RoundEntry;
import org.signpost.dialogs.survey.RoundRegistry;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;

/**
 * The rounds HR can look at and each round's report. Every figure comes from the round's latest snapshot
 * through disclosure control; nothing here reads a person's answers (there are none to read).
 */
final class ResultsService {

    /** A round as listed: its survey, its state, its schedule and whether it is trial data. */
    record Listing(RoundEntry entry, SurveyDefinition survey, Optional<RedisResults.Meta> meta) {
        String id() {
            return entry.id();
        }

        boolean open() {
            return entry.state() == RoundEntry.State.OPEN;
        }

        /** Results exist once a round has opened. */
        boolean hasResults() {
            return meta.isPresent() && entry.everOpened();
        }

        boolean trial() {
            return meta.map(RedisResults.Meta::trial).orElse(false);
        }
    }

    private final RoundRegistry registry;
    private final SurveyCatalog catalog;
    private final RedisResults store;
    private final DisclosureControl control;
    private final RoundReport.Rules rules;
    private final Clock clock;

    ResultsService(RoundRegistry registry, SurveyCatalog catalog, RedisResults store, RoundReport.Rules rules,
            Clock clock) {
        this.registry = registry;
        this.catalog = catalog;
        this.store = store;
        this.control = new DisclosureControl(rules.k());
        this.rules = rules;
        this.clock = clock;
    }

    private final Map<String, SurveyDefinition> surveys = new ConcurrentHashMap<>();

    RoundReport.Rules rules() {
        return rules;
    }

    /** Every round, newest first, scheduled ones included. */
    List<Listing> all() {
        List<Listing> rounds = new ArrayList<>();
        for (RoundEntry round : registry.rounds()) {
            rounds.add(new Listing(round, survey(round.surveyId()), store.meta(round.id())));
        }
        return rounds;
    }

    /** Every round that has results (it opened), newest first. */
    List<Listing> rounds() {
        return all().stream().filter(Listing::hasResults).toList();
    }

    Optional<Listing> round(String roundId) {
        return rounds().stream().filter(round -> round.id().equals(roundId)).findFirst();
    }

    List<String> surveys() {
        return catalog.ids();
    }

    SurveyDefinition survey(String surveyId) {
        return surveys.computeIfAbsent(surveyId, catalog::load);
    }

    /** The round HR most likely wants: the open one, else the newest. */
    Optional<Listing> current() {
        List<Listing> rounds = rounds();
        return rounds.stream().filter(Listing::open).findFirst().or(() -> rounds.stream().findFirst());
    }

    Optional<RoundReport> report(String roundId) {
        Optional<Listing> round = round(roundId);
        if (round.isEmpty()) {
            return Optional.empty();
        }
        Optional<RedisResults.Snapshot> snapshot = store.latest(roundId, round.get().survey(), rules.k(), clock.instant());
        boolean open = round.get().open();
        DisclosedRound results = control.disclose(round.get().survey(),
                snapshot.map(RedisResults.Snapshot::counts).orElseGet(() -> new RoundCounts(Map.of())), open);
        Optional<Listing> previous = previous(round.get());
        Optional<DisclosedRound> previousResults = previous.flatMap(p -> store.latest(p.id(), p.survey(), rules.k(),
                clock.instant()).map(s -> control.disclose(p.survey(), s.counts(), p.open())));
        return Optional.of(RoundReport.build(rules, roundId, round.get().open(), round.get().trial(),
                snapshot.map(RedisResults.Snapshot::taken), results, store.headcounts(roundId),
                previous.map(Listing::id), previousResults));
    }

    Map<String, Long> headcounts(String roundId) {
        return store.headcounts(roundId);
    }

    void saveHeadcounts(String roundId, Map<String, Long> headcounts) {
        store.saveHeadcounts(roundId, headcounts);
    }

    /** The round of the same survey made just before this one. */
    private Optional<Listing> previous(Listing round) {
        List<Listing> rounds = rounds();
        int at = rounds.indexOf(round);
        return rounds.subList(at + 1, rounds.size()).stream()
                .filter(other -> other.survey().id().equals(round.survey().id())).findFirst();
    }
}
