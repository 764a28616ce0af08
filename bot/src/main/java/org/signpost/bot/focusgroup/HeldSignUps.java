package org.signpost.bot.focusgroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.RedisTogether;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.FocusGroupStore.Held;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a person holds across the sessions (a place, or a place on a waiting list), read in one round trip while
 * the index of sessions has not changed: the index read fresh, made together with the person's place and
 * waiting-list sign-up in each session the index named when last read here (ids open to everyone, kept for no
 * one). A session it names now and did not then is read after it; one it no longer names is not held, whatever
 * was read of it.
 */
final class HeldSignUps {

    private final UnifiedJedis redis;
    private final SessionKeys keys;
    private final SealedSignUps signUps;
    private final Together together;
    /** The session ids the index named when last read here: whose sign-ups {@link #call} reads with it. */
    private volatile Set<String> lastIndexed = Set.of();

    HeldSignUps(UnifiedJedis redis, SessionKeys keys, SealedSignUps signUps) {
        this.redis = redis;
        this.keys = keys;
        this.signUps = signUps;
        this.together = new RedisTogether(redis);
    }

    Piped<List<Held>> call(Address address) {
        String person = signUps.person(address);
        List<String> guessed = List.copyOf(lastIndexed);
        return new Piped<>() {
            @Override
            public Supplier<List<Held>> queue(PipeliningBase pipeline) {
                Supplier<Set<String>> ids = indexCall().queue(pipeline);
                Map<String, Supplier<String>> seats = new HashMap<>();
                Map<String, Supplier<String>> waiters = new HashMap<>();
                for (String id : guessed) {
                    seats.put(id, signUpCall(id, SessionKeys.SEATS, person).queue(pipeline));
                    waiters.put(id, signUpCall(id, SessionKeys.WAITING, person).queue(pipeline));
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
                    seats.put(id, batch.add(signUpCall(id, SessionKeys.SEATS, person))::get);
                    waiters.put(id, batch.add(signUpCall(id, SessionKeys.WAITING, person))::get);
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
                seats.put(id, batch.add(signUpCall(id, SessionKeys.SEATS, person))::get);
                waiters.put(id, batch.add(signUpCall(id, SessionKeys.WAITING, person))::get);
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
        String index = keys.index();
        return Piped.of(pipeline -> pipeline.smembers(index), ids -> ids, () -> redis.smembers(index));
    }

    /** The person's sign-up in the session's places or waiting list ({@code key}), if any. */
    private Piped<String> signUpCall(String sessionId, int key, String person) {
        String hash = keys.of(sessionId).get(key);
        return Piped.of(pipeline -> pipeline.hget(hash, person), record -> record, () -> redis.hget(hash, person));
    }
}
