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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.bot.redis.Piped;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.Withdrawal;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions ({@code focus} keyspace) and their sign-ups ({@code signup}) in Redis, apart from anything of
 * the survey's. A session's keys share its id as hash tag ({@link SessionKeys}). Every change of places is one
 * Lua script over them, so instances never seat more people than there are places nor lose a waiter. What a
 * person holds across sessions is read by {@link HeldSignUps}.
 *
 * <p>A person is known by a keyed one-way name of their address, and their sign-up is sealed
 * ({@link SealedSignUps}): a Redis reader learns neither who signed up nor for which group, only how many. Its
 * Lua is in {@link SignUpScripts}. Whether any session takes sign-ups is asked of {@link RedisOpenSessions}.
 */
final class RedisFocusGroupStore implements FocusGroupStore {

    private final UnifiedJedis redis;
    private final SessionKeys keys;
    private final SealedSignUps signUps;
    private final DiskRewrites rewrites;
    private final Clock clock;
    private final RedisOpenSessions openSessions;
    private final HeldSignUps held;

    RedisFocusGroupStore(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal, DiskRewrites rewrites,
            Clock clock, Duration reuseOpenRead) {
        this.redis = redis;
        this.openSessions = new RedisOpenSessions(redis, prefix, clock, reuseOpenRead);
        this.keys = new SessionKeys(prefix);
        this.signUps = new SealedSignUps(names, seal);
        this.rewrites = rewrites;
        this.clock = clock;
        this.held = new HeldSignUps(redis, keys, signUps);
    }

    @Override
    public List<Session> sessions() {
        List<Session> sessions = new ArrayList<>();
        for (String id : redis.smembers(keys.index())) {
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
        Map<String, String> stored = redis.hgetAll(keys.of(id).get(SessionKeys.DETAILS));
        if (!stored.containsKey("details")) {
            return Optional.empty();
        }
        Session session = SessionCodec.session(stored.get("details"), SessionStatus.valueOf(stored.get("status")),
                Integer.parseInt(stored.get("capacity")));
        if (!stored.containsKey("deleteAt")) {
            redis.eval(KEEP_FROM_NOW_ON, keys.of(id),
                    List.of(Long.toString(session.retentionEndsAt().toEpochMilli()), now()));
        }
        return Optional.of(session);
    }

    @Override
    public List<Attendee> save(Session session) {
        redis.sadd(keys.index(), session.id());
        List<?> result = (List<?>) redis.eval(SAVE, keys.of(session.id()), List.of(SessionCodec.session(session),
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
        redis.del(keys.of(id).toArray(String[]::new));
        redis.srem(keys.index(), id);
        openSessions.removed(id);
        rewrites.soon();
    }

    @Override
    public Placement signUp(Attendee attendee, boolean waitIfFull, Instant now) {
        String sessionId = attendee.signUp().sessionId();
        String person = signUps.person(attendee.address());
        Object result = redis.eval(SIGN_UP, keys.of(sessionId), List.of(person, signUps.seal(sessionId, person, attendee),
                Long.toString(now.toEpochMilli()), waitIfFull ? "1" : "0"));
        return Placement.valueOf(text(result));
    }

    @Override
    public Withdrawal withdraw(String sessionId, Address address) {
        if (!Session.wellFormedId(sessionId)) {
            return Withdrawal.nothing();
        }
        List<?> result = (List<?>) redis.eval(WITHDRAW, keys.of(sessionId), List.of(signUps.person(address), now()));
        if ("NONE".equals(text(result.get(0)))) {
            return Withdrawal.nothing();
        }
        rewrites.soon();
        return new Withdrawal(true, attendees(sessionId, result.subList(1, result.size())).stream().findFirst());
    }

    @Override
    public List<Attendee> seated(String sessionId) {
        return signUps.openInOrderOfConsent(sessionId, redis.hgetAll(keys.of(sessionId).get(SessionKeys.SEATS)));
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
        return Session.wellFormedId(sessionId) ? (int) redis.hlen(keys.of(sessionId).get(SessionKeys.SEATS)) : 0;
    }

    @Override
    public List<Attendee> waiting(String sessionId) {
        List<String> session = keys.of(sessionId);
        Map<String, String> records = redis.hgetAll(session.get(SessionKeys.WAITING));
        List<Attendee> waiting = new ArrayList<>();
        for (String person : redis.lrange(session.get(SessionKeys.QUEUE), 0, -1)) {
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

    @Override
    public Piped<List<Held>> heldForCall(Address address) {
        return held.call(address);
    }

    @Override
    public boolean expire(String sessionId) {
        boolean expired = ((Long) redis.eval(EXPIRE, keys.of(sessionId), List.of())) == 1L;
        if (expired) {
            openSessions.removed(sessionId);
            rewrites.soon();
        }
        return expired;
    }

    @Override
    public boolean claimReminder(String sessionId) {
        return redis.hsetnx(keys.of(sessionId).get(SessionKeys.DETAILS), "reminded", "1") == 1L;
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
