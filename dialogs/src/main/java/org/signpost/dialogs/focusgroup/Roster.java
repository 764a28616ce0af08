package org.signpost.dialogs.focusgroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The places of one session and its waiting list, first come first served: the rules a store must keep
 * atomically (the Redis store does in Lua; this is the plain model of them, and the in-memory store).
 * People are known by a key (the store's name for an address).
 */
public final class Roster {

    private int capacity;
    private final Map<String, Attendee> seated = new LinkedHashMap<>();
    private final Map<String, Attendee> waiting = new LinkedHashMap<>();

    public Roster(int capacity) {
        this.capacity = capacity;
    }

    public Placement add(String person, Attendee attendee, boolean waitIfFull) {
        if (seated.containsKey(person) || waiting.containsKey(person)) {
            return Placement.ALREADY_SIGNED_UP;
        }
        if (seated.size() < capacity) {
            seated.put(person, attendee);
            return Placement.SEATED;
        }
        if (!waitIfFull) {
            return Placement.FULL;
        }
        waiting.put(person, attendee);
        return Placement.WAITING;
    }

    /** Removes the person; a freed place goes to the first on the waiting list. */
    public Withdrawal remove(String person) {
        if (waiting.remove(person) != null) {
            return new Withdrawal(true, Optional.empty());
        }
        if (seated.remove(person) == null) {
            return Withdrawal.nothing();
        }
        List<Attendee> promoted = fill();
        return new Withdrawal(true, promoted.stream().findFirst());
    }

    /** A new number of places: more places go to the waiting list in order; fewer never unseat anyone. */
    public List<Attendee> resize(int places) {
        this.capacity = places;
        return fill();
    }

    public List<Attendee> seated() {
        return List.copyOf(seated.values());
    }

    public List<Attendee> waiting() {
        return List.copyOf(waiting.values());
    }

    public Optional<Attendee> of(String person) {
        return Optional.ofNullable(seated.get(person)).or(() -> Optional.ofNullable(waiting.get(person)));
    }

    public boolean isSeated(String person) {
        return seated.containsKey(person);
    }

    private List<Attendee> fill() {
        List<Attendee> promoted = new ArrayList<>();
        while (seated.size() < capacity && !waiting.isEmpty()) {
            String first = waiting.keySet().iterator().next();
            Attendee attendee = waiting.remove(first);
            seated.put(first, attendee);
            promoted.add(attendee);
        }
        return promoted;
    }
}
