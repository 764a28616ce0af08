package org.signpost.bot.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.bot.redis.Piped;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.survey.RoundEntry;
import org.signpost.dialogs.survey.RoundRegistry;
import org.signpost.dialogs.survey.RoundSchedule;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyRound;
import org.signpost.dialogs.survey.SurveyRounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The rounds in Redis, so every instance sees the same ones at once: the list of rounds ({@link RoundList}) says
 * which exist, of which survey, and their schedule; the open round ({@link OpenRound}) is claimed atomically
 * before the round's counters open, so two instances can never open two rounds. A round's state is its
 * counters' metadata ({@code agg}), written only by {@link RedisSurveyStore}: opening pins the survey's
 * structure and the token key; closing deletes the tokens and asks for an append-only rewrite. The rounds
 * declared in configuration are applied at start-up by {@link RoundSeeds}.
 */
final class RedisRounds implements SurveyRounds, RoundRegistry {

    private static final Logger log = LoggerFactory.getLogger(RedisRounds.class);

    private final RedisSurveyStore store;
    private final SurveyCatalog catalog;
    private final RoundList list;
    private final OpenRound openRound;
    private final Map<String, SurveyDefinition> surveys = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    RedisRounds(UnifiedJedis redis, String prefix, RedisSurveyStore store, SurveyCatalog catalog, Clock clock,
            Duration reuseOpenRead) {
        this.store = store;
        this.catalog = catalog;
        this.list = new RoundList(redis, prefix, store);
        this.openRound = new OpenRound(redis, prefix, list.key(), store, this::survey, clock, reuseOpenRead);
    }

    @Override
    public Optional<SurveyRound> open() {
        return openCall().alone();
    }

    @Override
    public Piped<Optional<SurveyRound>> openCall() {
        return openRound.fresh();
    }

    @Override
    public Together.Call<Optional<SurveyRound>> recentOpenCall() {
        return openRound.recent();
    }

    @Override
    public List<RoundEntry> rounds() {
        return list.newestFirst();
    }

    @Override
    public Optional<RoundEntry> round(String id) {
        if (!SurveyRound.validId(id)) {
            return Optional.empty();
        }
        return list.entry(id);
    }

    @Override
    public Result create(String id, String surveyId, Optional<Instant> opensAt, Optional<Instant> closesAt,
            Instant now) {
        if (!SurveyRound.validId(id)) {
            return Result.refused(Problem.INVALID_ID);
        }
        if (surveyId == null || !catalog.ids().contains(surveyId)) {
            return Result.refused(Problem.UNKNOWN_SURVEY);
        }
        if (opensAt.isPresent() || closesAt.isPresent()) {
            Optional<Problem> problem = RoundSchedule.check(opensAt.isPresent() ? RoundEntry.State.SCHEDULED
                    : RoundEntry.State.OPEN, opensAt, closesAt, now);
            if (problem.isPresent()) {
                return Result.refused(problem.get());
            }
        }
        if (list.contains(id) || store.state(id).isPresent()) {
            return Result.refused(Problem.ALREADY_EXISTS);
        }
        if (opensAt.isEmpty()) {
            Optional<String> holder = openRound.holder();
            if (holder.isPresent()) {
                return Result.refused(Problem.ANOTHER_OPEN, holder.get());
            }
        }
        if (!list.register(id, surveyId, opensAt, closesAt)) {
            return Result.refused(Problem.ALREADY_EXISTS);
        }
        if (opensAt.isEmpty()) {
            Result opened = open(id);
            if (!opened.done()) {
                list.remove(id);
            }
            return opened;
        }
        return Result.DONE;
    }

    @Override
    public Result open(String id) {
        Optional<RoundEntry> round = round(id);
        if (round.isEmpty()) {
            return Result.refused(Problem.UNKNOWN_ROUND);
        }
        if (round.get().state() != RoundEntry.State.SCHEDULED) {
            return Result.refused(round.get().state() == RoundEntry.State.OPEN ? Problem.ALREADY_OPEN
                    : Problem.ALREADY_CLOSED);
        }
        if (!catalog.ids().contains(round.get().surveyId())) {
            return Result.refused(Problem.UNKNOWN_SURVEY);
        }
        Optional<String> other = openRound.claim(id);
        if (other.isPresent()) {
            return Result.refused(Problem.ANOTHER_OPEN, other.get());
        }
        RedisSurveyStore.Opened opened = store.open(new SurveyRound(id, survey(round.get().surveyId())));
        return switch (opened) {
            case OPENED, ALREADY_OPEN -> Result.DONE;
            case CLOSED -> {
                openRound.release(id);
                yield Result.refused(Problem.ALREADY_CLOSED);
            }
            case META_LOST -> {
                openRound.release(id);
                yield Result.refused(Problem.COUNTERS_WITHOUT_METADATA);
            }
            default -> {
                openRound.release(id);
                throw new IllegalStateException(opened.refusal(id, round.get().surveyId()));
            }
        };
    }

    @Override
    public Result close(String id) {
        Optional<RoundEntry> round = round(id);
        if (round.isEmpty()) {
            return Result.refused(Problem.UNKNOWN_ROUND);
        }
        if (round.get().state() == RoundEntry.State.CLOSED) {
            openRound.release(id);
            return Result.refused(Problem.ALREADY_CLOSED);
        }
        boolean closed = store.close(id);
        openRound.release(id);
        return closed ? Result.DONE : Result.refused(Problem.ALREADY_CLOSED);
    }

    @Override
    public Result schedule(String id, Optional<Instant> opensAt, Optional<Instant> closesAt, Instant now) {
        Optional<RoundEntry> round = round(id);
        if (round.isEmpty()) {
            return Result.refused(Problem.UNKNOWN_ROUND);
        }
        // a scheduled round keeps its opening time unless a new one is given: without one it would never open
        Optional<Instant> asked = round.get().state() == RoundEntry.State.SCHEDULED && opensAt.isEmpty()
                && closesAt.isPresent() ? round.get().opensAt() : opensAt;
        Optional<Problem> problem = RoundSchedule.check(round.get().state(), asked, closesAt, now);
        if (problem.isPresent()) {
            return Result.refused(problem.get());
        }
        Optional<Instant> opens = round.get().state() == RoundEntry.State.OPEN ? round.get().opensAt() : asked;
        list.reschedule(id, opens, closesAt);
        return Result.DONE;
    }

    @Override
    public List<Done> runDue(Instant now) {
        List<Done> done = new ArrayList<>();
        List<RoundEntry> oldestFirst = new ArrayList<>(rounds());
        oldestFirst.sort(Comparator.comparingLong(RoundEntry::order));
        for (RoundEntry round : oldestFirst) {
            Optional<RoundSchedule.Action> due = RoundSchedule.due(round, now);
            if (due.isEmpty()) {
                continue;
            }
            Result result = due.get() == RoundSchedule.Action.OPEN ? open(round.id()) : close(round.id());
            if (result.done()) {
                done.add(new Done(round.id(), due.get()));
            } else if (warned.add(round.id() + result.problem().orElseThrow())) {
                log.warn("Round {} was due to {} but could not: {}", round.id(),
                        due.get() == RoundSchedule.Action.OPEN ? "open" : "close", result.problem().orElseThrow());
            }
        }
        return done;
    }

    /** At start-up: the rounds declared in configuration, as {@link RoundSeeds} says. */
    void seed(List<RoundSeeds.Seed> seeds, Optional<RoundSeeds.Seed> trialRound) {
        new RoundSeeds(list, openRound, store, this::survey).apply(seeds, trialRound);
    }

    private SurveyDefinition survey(String surveyId) {
        return surveys.computeIfAbsent(surveyId, catalog::load);
    }
}
