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
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.ReusedRead;
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
 * The rounds in Redis, so every instance sees the same ones at once. The list ({@code hr:{rounds}:list},
 * round id to {@code survey|order|opens-at|closes-at}) says which rounds exist, of which survey, and their
 * schedule; the open round is named by {@code hr:{rounds}:open}, claimed atomically before the round's
 * counters open, so two instances can never open two rounds. A round's state is its counters' metadata
 * ({@code agg}), written only by {@link RedisSurveyStore}: opening pins the survey's structure and the
 * token key; closing deletes the tokens and asks for an append-only rewrite.
 *
 * <p>Which round is open is read fresh for someone taking the survey ({@link #openCall}); for what a reply only
 * offers, the menu, an instance reuses its last read for a moment ({@link #recentOpenCall}, {@link ReusedRead}):
 * a round opened or closed here is seen here at once, on another instance within the moment.
 */
final class RedisRounds implements SurveyRounds, RoundRegistry {

    private static final Logger log = LoggerFactory.getLogger(RedisRounds.class);

    /** KEYS: list, order counter. ARGV: id, survey, opens-at, closes-at ('' for none). 0 when it exists. */
    private static final String REGISTER = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
            local order = redis.call('INCR', KEYS[2])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. order .. '|' .. ARGV[3] .. '|' .. ARGV[4])
            return 1
            """;

    /** KEYS: list. ARGV: id, opens-at, closes-at. Keeps survey and order; 0 when the round is unknown. */
    private static final String RESCHEDULE = """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then return 0 end
            local survey, order = string.match(value, '^([^|]*)|([^|]*)|')
            redis.call('HSET', KEYS[1], ARGV[1], survey .. '|' .. order .. '|' .. ARGV[2] .. '|' .. ARGV[3])
            return 1
            """;

    /** KEYS: open. ARGV: id. '' when claimed (or held already), else the round that holds it. */
    private static final String CLAIM = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return holder end
            redis.call('SET', KEYS[1], ARGV[1])
            return ''
            """;

    /** KEYS: open. ARGV: id. Lets go only of this round's claim. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1
            """;

    /** KEYS: open, list. The open round's id and list entry, in one round trip; nil when none. */
    private static final String OPEN_ROUND = """
            local id = redis.call('GET', KEYS[1])
            if not id then return nil end
            return {id, redis.call('HGET', KEYS[2], id) or ''}
            """;

    /** A round declared in configuration. */
    record Seed(String id, String survey, boolean open) {
    }

    private final UnifiedJedis redis;
    private final RedisSurveyStore store;
    private final SurveyCatalog catalog;
    private final String list;
    private final String order;
    private final String openKey;
    private final Map<String, SurveyDefinition> surveys = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final ReusedRead<Optional<SurveyRound>> openRead;

    RedisRounds(UnifiedJedis redis, String prefix, RedisSurveyStore store, SurveyCatalog catalog, Clock clock,
            Duration reuseOpenRead) {
        this.redis = redis;
        this.openRead = new ReusedRead<>(clock, reuseOpenRead);
        this.store = store;
        this.catalog = catalog;
        this.list = Keyspace.HR.key(prefix, "rounds", ":list");
        this.order = Keyspace.HR.key(prefix, "rounds", ":order");
        this.openKey = Keyspace.HR.key(prefix, "rounds", ":open");
    }

    @Override
    public Optional<SurveyRound> open() {
        return openCall().alone();
    }

    @Override
    public Piped<Optional<SurveyRound>> openCall() {
        return openRead.fresh(openRoundRead());
    }

    @Override
    public Together.Call<Optional<SurveyRound>> recentOpenCall() {
        return openRead.call(openRoundRead());
    }

    private Piped<Optional<SurveyRound>> openRoundRead() {
        List<String> keys = List.of(openKey, list);
        return Piped.of(pipeline -> pipeline.eval(OPEN_ROUND, keys, List.of()), this::openRound,
                () -> openRound(redis.eval(OPEN_ROUND, keys, List.of())));
    }

    private Optional<SurveyRound> openRound(Object found) {
        if (!(found instanceof List<?> pair) || pair.size() < 2 || String.valueOf(pair.get(1)).isEmpty()) {
            return Optional.empty();
        }
        String id = String.valueOf(pair.get(0));
        // the list entry names the survey; the round's state is not needed (the open key names it open)
        return Optional.of(new SurveyRound(id, survey(surveyOf(String.valueOf(pair.get(1))))));
    }

    @Override
    public List<RoundEntry> rounds() {
        List<RoundEntry> rounds = new ArrayList<>();
        redis.hgetAll(list).forEach((id, value) -> rounds.add(parse(id, value)));
        rounds.sort(Comparator.comparingLong(RoundEntry::order).reversed());
        return rounds;
    }

    @Override
    public Optional<RoundEntry> round(String id) {
        if (!SurveyRound.validId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.hget(list, id)).map(value -> parse(id, value));
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
        if (redis.hexists(list, id) || store.state(id).isPresent()) {
            return Result.refused(Problem.ALREADY_EXISTS);
        }
        if (opensAt.isEmpty()) {
            Optional<String> holder = openHolder();
            if (holder.isPresent()) {
                return Result.refused(Problem.ANOTHER_OPEN, holder.get());
            }
        }
        if (!register(id, surveyId, opensAt, closesAt)) {
            return Result.refused(Problem.ALREADY_EXISTS);
        }
        if (opensAt.isEmpty()) {
            Result opened = open(id);
            if (!opened.done()) {
                redis.hdel(list, id);
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
        Optional<String> other = claim(id);
        if (other.isPresent()) {
            return Result.refused(Problem.ANOTHER_OPEN, other.get());
        }
        RedisSurveyStore.Opened opened = store.open(new SurveyRound(id, survey(round.get().surveyId())));
        return switch (opened) {
            case OPENED, ALREADY_OPEN -> Result.DONE;
            case CLOSED -> {
                release(id);
                yield Result.refused(Problem.ALREADY_CLOSED);
            }
            case META_LOST -> {
                release(id);
                yield Result.refused(Problem.COUNTERS_WITHOUT_METADATA);
            }
            default -> {
                release(id);
                throw new IllegalStateException(refusal(opened, id, round.get().surveyId()));
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
            release(id);
            return Result.refused(Problem.ALREADY_CLOSED);
        }
        boolean closed = store.close(id);
        release(id);
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
        redis.eval(RESCHEDULE, List.of(list), List.of(id, millis(opens), millis(closesAt)));
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

    /**
     * At start-up: the rounds declared in configuration are added if new, then opened or closed as
     * declared (a closed round stays closed); with none and a local trial, a trial round opens the first
     * time. Then the open round, however it was opened, must still match its survey and token key.
     */
    void seed(List<Seed> seeds, Optional<Seed> trialRound) {
        List<Seed> all = seeds.isEmpty() && trialRound.isPresent() && redis.hlen(list) == 0
                ? List.of(trialRound.get()) : seeds;
        for (Seed seed : all) {
            register(seed.id(), seed.survey(), Optional.empty(), Optional.empty());
            if (!seed.open()) {
                store.close(seed.id());
                release(seed.id());
                continue;
            }
            if (store.state(seed.id()).filter("closed"::equals).isPresent()) {
                log.warn("Round {} is configured open but was closed before; a closed round never reopens, so it "
                        + "stays closed", seed.id());
                continue;
            }
            Optional<String> other = claim(seed.id());
            if (other.isPresent()) {
                throw new IllegalStateException("Only one survey round can be open at a time: round " + other.get()
                        + " is open, so round " + seed.id() + " cannot open as configured. Close one of them.");
            }
            RedisSurveyStore.Opened opened = store.open(new SurveyRound(seed.id(), survey(seed.survey())));
            if (opened != RedisSurveyStore.Opened.OPENED && opened != RedisSurveyStore.Opened.ALREADY_OPEN) {
                release(seed.id());
                throw new IllegalStateException(refusal(opened, seed.id(), seed.survey()));
            }
        }
        Optional<SurveyRound> open = open();
        if (open.isPresent()) {
            RedisSurveyStore.Opened still = store.open(open.get());
            if (still == RedisSurveyStore.Opened.CLOSED) {
                release(open.get().id());
            } else if (still != RedisSurveyStore.Opened.ALREADY_OPEN && still != RedisSurveyStore.Opened.OPENED) {
                throw new IllegalStateException(refusal(still, open.get().id(), open.get().survey().id()));
            }
        }
    }

    private boolean register(String id, String surveyId, Optional<Instant> opensAt, Optional<Instant> closesAt) {
        return Long.valueOf(1).equals(redis.eval(REGISTER, List.of(list, order),
                List.of(id, surveyId, millis(opensAt), millis(closesAt))));
    }

    /** Claims the open round for {@code id}; the round in the way, if another is open. */
    private Optional<String> claim(String id) {
        try {
            return claimed(id);
        } finally {
            openRead.changed();
        }
    }

    private Optional<String> claimed(String id) {
        for (int attempt = 0; attempt < 2; attempt++) {
            String holder = (String) redis.eval(CLAIM, List.of(openKey), List.of(id));
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            if (store.state(holder).filter("open"::equals).isPresent()) {
                return Optional.of(holder);
            }
            // a claim left by a close that stopped half-way, or by a round whose opening failed: let it go
            release(holder);
        }
        return Optional.ofNullable(redis.get(openKey));
    }

    private Optional<String> openHolder() {
        return Optional.ofNullable(redis.get(openKey)).filter(holder -> store.state(holder).filter("open"::equals)
                .isPresent());
    }

    private void release(String id) {
        try {
            redis.eval(RELEASE, List.of(openKey), List.of(id));
        } finally {
            openRead.changed();
        }
    }

    private SurveyDefinition survey(String surveyId) {
        return surveys.computeIfAbsent(surveyId, catalog::load);
    }

    private static String surveyOf(String listEntry) {
        return listEntry.substring(0, listEntry.indexOf('|'));
    }

    private RoundEntry parse(String id, String value) {
        String[] parts = value.split("\\|", -1);
        RoundEntry.State state = store.state(id).map(s -> s.equals("open") ? RoundEntry.State.OPEN
                : RoundEntry.State.CLOSED).orElse(RoundEntry.State.SCHEDULED);
        return new RoundEntry(id, parts[0], Long.parseLong(parts[1]), state, instant(parts[2]), instant(parts[3]));
    }

    private static Optional<Instant> instant(String millis) {
        return millis.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
    }

    private static String millis(Optional<Instant> at) {
        return at.map(instant -> Long.toString(instant.toEpochMilli())).orElse("");
    }

    private static String refusal(RedisSurveyStore.Opened opened, String round, String survey) {
        return switch (opened) {
            case SURVEY_CHANGED -> "The survey " + survey + " changed its questions or options while round " + round
                    + " is open; its totals would no longer add up. Restore the survey file, or close the round and "
                    + "open a new one.";
            case META_LOST -> "Round " + round + " has counters or respondent tokens in Redis but no metadata (evicted, "
                    + "deleted or partly restored?). Opening it again would reset its totals to zero, so the app stops. "
                    + "Restore the round's agg:{" + round + "}:meta hash from a backup, or close the round.";
            case TOKEN_KEY_CHANGED -> "Round " + round + " was opened with another respondent-token key: with this "
                    + "one, everyone who answered could answer again. Restore the key the round was opened with, or "
                    + "close the round.";
            case TOKEN_KEY_NOT_PINNED -> "Round " + round + " was opened by an earlier version that did not pin its "
                    + "respondent-token key, and tokens are now made differently: close the round and open a new one.";
            default -> "Round " + round + " could not be opened: " + opened;
        };
    }
}
