package org.signpost.bot.focusgroup;

import static org.signpost.bot.focusgroup.SignUpScripts.EXPIRE;
import static org.signpost.bot.focusgroup.SignUpScripts.KEEP_FROM_NOW_ON;
import static org.signpost.bot.focusgroup.SignUpScripts.SAVE;
import static org.signpost.bot.focusgroup.SignUpScripts.SIGN_UP;
import static org.signpost.bot.focusgroup.SignUpScripts.WITHDRAW;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.bot.redis.Keyspace;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.RedisTogether;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.Withdrawal;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions ({@code focus} keyspace) and their sign-ups ({@code signup}) in Redis, apart from anything of
 * the survey's. A session's keys share its id as hash tag: its details with its status and places
 * ({@code focus:{id}}), the places taken ({@code signup:{id}:seats}), the waiting list in order
 * ({@code signup:{id}:queue}) and the waiters' sign-ups ({@code signup:{id}:waiting}). Every change of places
 * is one Lua script over them, so instances never seat more people than there are places nor lose a
 * waiter.
 *
 * <p>A person is known by a keyed one-way name of their address, and their sign-up is sealed
 * ({@link SealedSignUps}): a Redis reader learns neither who signed up nor for which group, only how many. Its
 * Lua is in {@link SignUpScripts}. Whether any session takes sign-ups is asked of {@link RedisOpenSessions}.
 */
final class RedisFocusGroupStore implements FocusGroupStore {

    private final UnifiedJedis redis;
    private final String prefix;
    private final SealedSignUps signUps;
    private final DiskRewrites rewrites;
    private final Clock clock;
    private final RedisOpenSessions openSessions;
    private final Together together;
    /** The session ids the index named when last read here: whose sign-ups {@link #heldForCall} reads with it. */
    private volatile Set<String> lastIndexed = Set.of();

    RedisFocusGroupStore(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal, DiskRewrites rewrites,
            Clock clock, Duration reuseOpenRead) {
        this.redis = redis;
        this.openSessions = new RedisOpenSessions(redis, prefix, clock, reuseOpenRead);
        this.prefix = prefix;
        this.signUps = new SealedSignUps(names, seal);
        this.rewrites = rewrites;
        this.clock = clock;
        this.together = new RedisTogether(redis);
    }

    @Override
    public List<Session> sessions() {
        List<Session> sessions = new ArrayList<>();
        for (String id : redis.smembers(index())) {
            session(id).ifPresent(sessions::add);
        }
        sessions.sort((a, b) -> a.start().compareTo(b.start()));
        return sessions;
    }

    @Override
    public Optional<Session> session(String id) {
        if (!Session.wellFormedId(id)) {
            return Optional.empty();
        }
        Map<String, String> stored = redis.hgetAll(keys(id).get(0));
        if (!stored.containsKey("details")) {
            return Optional.empty();
        }
        Session session = SessionCodec.session(stored.get("details"), SessionStatus.valueOf(stored.get("status")),
                Integer.parseInt(stored.get("capacity")));
        if (!stored.containsKey("deleteAt")) {
            redis.eval(KEEP_FROM_NOW_ON, keys(id), List.of(Long.toString(session.retentionEndsAt().toEpochMilli()), now()));
        }
        return Optional.of(session);
    }

    @Override
    public List<Attendee> save(Session session) {
        redis.sadd(index(), session.id());
        List<?> result = (List<?>) redis.eval(SAVE, keys(session.id()), List.of(SessionCodec.session(session),
                session.status().name(), Integer.toString(session.capacity()),
                Long.toString(session.startsAt().toEpochMilli()), now(),
                Long.toString(session.retentionEndsAt().toEpochMilli())));
        if ("EXPIRED".equals(text(result.get(0)))) {
            throw new IllegalStateException("An expired session cannot be changed");
        }
        openSessions.saved(session);
        return attendees(session.id(), result.subList(1, result.size()));
    }

    @Override
    public void delete(String id) {
        if (!Session.wellFormedId(id)) {
            return;
        }
        List<String> keys = keys(id);
        redis.del(keys.toArray(String[]::new));
        redis.srem(index(), id);
        openSessions.removed(id);
        rewrites.soon();
    }

    @Override
    public Placement signUp(Attendee attendee, boolean waitIfFull, Instant now) {
        String sessionId = attendee.signUp().sessionId();
        String person = signUps.person(attendee.address());
        Object result = redis.eval(SIGN_UP, keys(sessionId), List.of(person, signUps.seal(sessionId, person, attendee),
                Long.toString(now.toEpochMilli()), waitIfFull ? "1" : "0"));
        return Placement.valueOf(text(result));
    }

    @Override
    public Withdrawal withdraw(String sessionId, Address address) {
        if (!Session.wellFormedId(sessionId)) {
            return Withdrawal.nothing();
        }
        List<?> result = (List<?>) redis.eval(WITHDRAW, keys(sessionId), List.of(signUps.person(address), now()));
        if ("NONE".equals(text(result.get(0)))) {
            return Withdrawal.nothing();
        }
        rewrites.soon();
        return new Withdrawal(true, attendees(sessionId, result.subList(1, result.size())).stream().findFirst());
    }

    @Override
    public List<Attendee> seated(String sessionId) {
        return signUps.openInOrderOfConsent(sessionId, redis.hgetAll(keys(sessionId).get(1)));
    }

    /**
     * Puts every open session in the open index (sessions saved before there was one), at start-up; loading
     * them also gives sessions saved before sign-up keys had lifetimes their end of retention.
     */
    void indexOpenSessions() {
        openSessions.index(sessions());
    }

    @Override
    public boolean takingSignUps(Instant now) {
        return takingSignUpsCall(now).alone();
    }

    @Override
    public Together.Call<Boolean> takingSignUpsCall(Instant now) {
        return openSessions.takingSignUpsCall(now);
    }

    @Override
    public int placesTaken(String sessionId) {
        return Session.wellFormedId(sessionId) ? (int) redis.hlen(keys(sessionId).get(1)) : 0;
    }

    @Override
    public List<Attendee> waiting(String sessionId) {
        List<String> keys = keys(sessionId);
        Map<String, String> records = redis.hgetAll(keys.get(3));
        List<Attendee> waiting = new ArrayList<>();
        for (String person : redis.lrange(keys.get(2), 0, -1)) {
            String record = records.get(person);
            if (record != null) {
                waiting.add(signUps.open(sessionId, person, record));
            }
        }
        return waiting;
    }

    @Override
    public List<Held> heldFor(Address address) {
        return heldForCall(address).alone();
    }

    /**
     * The index read fresh, made together with the person's place and waiting-list sign-up in each session the
     * index named when last read here (ids open to everyone, kept for no one): one round trip while the index
     * has not changed. A session it names now and did not then is read after it; one it no longer names is not
     * held, whatever was read of it.
     */
    @Override
    public Piped<List<Held>> heldForCall(Address address) {
        String person = signUps.person(address);
        List<String> guessed = List.copyOf(lastIndexed);
        return new Piped<>() {
            @Override
            public Supplier<List<Held>> queue(PipeliningBase pipeline) {
                Supplier<Set<String>> ids = indexCall().queue(pipeline);
                Map<String, Supplier<String>> seats = new HashMap<>();
                Map<String, Supplier<String>> waiters = new HashMap<>();
                for (String id : guessed) {
                    seats.put(id, signUpCall(id, 1, person).queue(pipeline));
                    waiters.put(id, signUpCall(id, 3, person).queue(pipeline));
                }
                return () -> held(person, ids.get(), seats, waiters);
            }

            @Override
            public List<Held> alone() {
                Together.Batch batch = together.batch();
                Together.Result<Set<String>> ids = batch.add(indexCall());
                Map<String, Supplier<String>> seats = new HashMap<>();
                Map<String, Supplier<String>> waiters = new HashMap<>();
                for (String id : guessed) {
                    seats.put(id, batch.add(signUpCall(id, 1, person))::get);
                    waiters.put(id, batch.add(signUpCall(id, 3, person))::get);
                }
                batch.make();
                return held(person, ids.get(), seats, waiters);
            }
        };
    }

    private List<Held> held(String person, Set<String> ids, Map<String, Supplier<String>> seats,
            Map<String, Supplier<String>> waiters) {
        lastIndexed = Set.copyOf(ids);
        List<String> unread = ids.stream().filter(id -> !seats.containsKey(id)).toList();
        if (!unread.isEmpty()) {
            Together.Batch batch = together.batch();
            for (String id : unread) {
                seats.put(id, batch.add(signUpCall(id, 1, person))::get);
                waiters.put(id, batch.add(signUpCall(id, 3, person))::get);
            }
            batch.make();
        }
        List<Held> held = new ArrayList<>();
        for (String id : ids) {
            String seat = seats.get(id).get();
            String waiter = waiters.get(id).get();
            if (seat != null) {
                held.add(new Held(signUps.open(id, person, seat), true));
            } else if (waiter != null) {
                held.add(new Held(signUps.open(id, person, waiter), false));
            }
        }
        return held;
    }

    private Piped<Set<String>> indexCall() {
        return Piped.of(pipeline -> pipeline.smembers(index()), ids -> ids, () -> redis.smembers(index()));
    }

    /** The person's sign-up in the session's places (key 1) or waiting list (key 3), if any. */
    private Piped<String> signUpCall(String sessionId, int key, String person) {
        String hash = keys(sessionId).get(key);
        return Piped.of(pipeline -> pipeline.hget(hash, person), record -> record, () -> redis.hget(hash, person));
    }

    @Override
    public boolean expire(String sessionId) {
        boolean expired = ((Long) redis.eval(EXPIRE, keys(sessionId), List.of())) == 1L;
        if (expired) {
            openSessions.removed(sessionId);
            rewrites.soon();
        }
        return expired;
    }

    @Override
    public boolean claimReminder(String sessionId) {
        return redis.hsetnx(keys(sessionId).get(0), "reminded", "1") == 1L;
    }

    private List<String> keys(String sessionId) {
        return List.of(Keyspace.FOCUS.key(prefix, sessionId), Keyspace.SIGNUP.key(prefix, sessionId, ":seats"),
                Keyspace.SIGNUP.key(prefix, sessionId, ":queue"), Keyspace.SIGNUP.key(prefix, sessionId, ":waiting"));
    }

    private String index() {
        return Keyspace.FOCUS.key(prefix, "sessions");
    }

    private List<Attendee> attendees(String sessionId, List<?> namesAndRecords) {
        List<Attendee> attendees = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndRecords.size(); i += 2) {
            attendees.add(signUps.open(sessionId, text(namesAndRecords.get(i)), text(namesAndRecords.get(i + 1))));
        }
        return attendees;
    }

    private String now() {
        return Long.toString(clock.instant().toEpochMilli());
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
