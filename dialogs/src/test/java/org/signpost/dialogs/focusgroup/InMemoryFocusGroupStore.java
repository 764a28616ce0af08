package org.signpost.dialogs.focusgroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store's rules over {@link Roster}s in memory, for conversation tests. */
public final class InMemoryFocusGroupStore implements FocusGroupStore {

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Roster> rosters = new LinkedHashMap<>();
    private final Set<String> reminded = new HashSet<>();

    @Override
    public synchronized List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public synchronized Optional<Session> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized List<Attendee> save(Session session) {
        sessions.put(session.id(), session);
        return rosters.computeIfAbsent(session.id(), id -> new Roster(session.capacity())).resize(session.capacity());
    }

    @Override
    public synchronized void delete(String id) {
        sessions.remove(id);
        rosters.remove(id);
    }

    @Override
    public synchronized Placement signUp(Attendee attendee, boolean waitIfFull, Instant now) {
        Session session = sessions.get(attendee.signUp().sessionId());
        if (session == null || !session.takesSignUps(now)) {
            return Placement.NOT_TAKING_SIGN_UPS;
        }
        return rosters.get(session.id()).add(key(attendee.address()), attendee, waitIfFull);
    }

    @Override
    public synchronized Withdrawal withdraw(String sessionId, Address address) {
        Roster roster = rosters.get(sessionId);
        return roster == null ? Withdrawal.nothing() : roster.remove(key(address));
    }

    @Override
    public synchronized List<Attendee> seated(String sessionId) {
        return Optional.ofNullable(rosters.get(sessionId)).map(Roster::seated).orElse(List.of());
    }

    @Override
    public synchronized List<Attendee> waiting(String sessionId) {
        return Optional.ofNullable(rosters.get(sessionId)).map(Roster::waiting).orElse(List.of());
    }

    @Override
    public synchronized List<Held> heldFor(Address address) {
        List<Held> held = new ArrayList<>();
        rosters.values().forEach(roster -> roster.of(key(address)).ifPresent(attendee ->
                held.add(new Held(attendee, roster.isSeated(key(address))))));
        return held;
    }

    @Override
    public synchronized boolean expire(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null || !session.status().canBecome(SessionStatus.EXPIRED)) {
            return false;
        }
        sessions.put(sessionId, session.expire());
        rosters.put(sessionId, new Roster(session.capacity()));
        return true;
    }

    @Override
    public synchronized boolean claimReminder(String sessionId) {
        return reminded.add(sessionId);
    }

    private static String key(Address address) {
        return address.channelId() + "/" + address.userId();
    }
}
