package org.signpost.dialogs.focusgroup.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/** The sessions offered to one person: those taking sign-ups now, less those they already hold. */
final class SessionsOnOffer {

    private final FocusGroupStore store;
    private final Clock clock;

    SessionsOnOffer(FocusGroupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Sessions with places first, then full ones, whose choice is their waiting list; each by its start. A
     * session the person already holds (a place or waiting) is left out: they may sign up for several
     * sessions, each once.
     */
    Map<String, String> options(Turn turn) {
        Instant now = clock.instant();
        Set<String> held = held(turn);
        Map<String, String> withPlaces = new LinkedHashMap<>();
        Map<String, String> full = new LinkedHashMap<>();
        for (Session session : store.sessions()) {
            if (!session.takesSignUps(now) || held.contains(session.id())) {
                // one sign-up per session: a session they hold is not offered again
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>(People.session(session));
            int left = session.capacity() - store.placesTaken(session.id());
            if (left > 0) {
                values.put("places", Integer.toString(left));
                withPlaces.put(session.id(), turn.wording().text("focusgroup.option.places", values));
            } else {
                full.put(session.id() + FocusGroupFlow.WAIT, turn.wording().text("focusgroup.option.full", values));
            }
        }
        withPlaces.putAll(full);
        return withPlaces;
    }

    /** Whether they hold a sign-up for a session still taking sign-ups. */
    boolean holdsAnyTakingSignUps(Turn turn) {
        Instant now = clock.instant();
        Set<String> held = held(turn);
        return store.sessions().stream().anyMatch(session -> session.takesSignUps(now) && held.contains(session.id()));
    }

    /** Whether they hold a sign-up for every session taking sign-ups now (and for one at least). */
    boolean holdsEveryTakingSignUps(Turn turn) {
        return holdsEveryTakingSignUpsCall(turn).alone();
    }

    /** The same, as a call the store may make together with the turn's other reads (the sessions read after). */
    Together.Call<Boolean> holdsEveryTakingSignUpsCall(Turn turn) {
        Optional<Address> address = People.address(turn);
        if (address.isEmpty()) {
            return () -> false;
        }
        return store.heldForCall(address.get()).map(holdings -> {
            Instant now = clock.instant();
            Set<String> held = sessionIds(holdings);
            return !held.isEmpty() && store.sessions().stream().filter(session -> session.takesSignUps(now))
                    .allMatch(session -> held.contains(session.id()));
        });
    }

    /** The sessions this person holds a sign-up for (a place or waiting). */
    private Set<String> held(Turn turn) {
        return People.address(turn).map(address -> sessionIds(store.heldFor(address))).orElse(Set.of());
    }

    private static Set<String> sessionIds(List<FocusGroupStore.Held> holdings) {
        return holdings.stream().map(held -> held.attendee().signUp().sessionId()).collect(Collectors.toSet());
    }
}
