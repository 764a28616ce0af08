package org.signpost.dialogs.focusgroup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.signpost.dialogs.kernel.Together;

/**
 * Port: sessions and their sign-ups, in a keyspace of their own, never beside survey data. Every change
 * of places is atomic: two instances never seat more people than a session has places, nor lose a
 * waiter.
 */
public interface FocusGroupStore {

    List<Session> sessions();

    /** Whether any session takes sign-ups at {@code now} (asked whenever the menu is shown). */
    default boolean takingSignUps(Instant now) {
        return sessions().stream().anyMatch(session -> session.takesSignUps(now));
    }

    /** {@link #takingSignUps} as a call the store may make together with the turn's other first reads. */
    default Together.Call<Boolean> takingSignUpsCall(Instant now) {
        return () -> takingSignUps(now);
    }

    Optional<Session> session(String id);

    /** Creates or replaces a session; when it gained places, those on its waiting list who now have one. */
    List<Attendee> save(Session session);

    /** The session and every sign-up of it, at once. */
    void delete(String id);

    /** A place or the waiting list, if the session takes sign-ups at {@code now}. */
    Placement signUp(Attendee attendee, boolean waitIfFull, Instant now);

    /** Removes the person's sign-up (place or waiting) for the session; a freed place is given on. */
    Withdrawal withdraw(String sessionId, Address address);

    List<Attendee> seated(String sessionId);

    /** How many places are taken, without opening anyone's sign-up. */
    default int placesTaken(String sessionId) {
        return seated(sessionId).size();
    }

    List<Attendee> waiting(String sessionId);

    /** Every sign-up held for this person, with whether it is a place ({@code true}) or waiting. */
    List<Held> heldFor(Address address);

    /** {@link #heldFor} as a call the store may make together with the turn's other reads. */
    default Together.Call<List<Held>> heldForCall(Address address) {
        return () -> heldFor(address);
    }

    /** Deletes every sign-up of the session and marks it expired, once; false when it already was. */
    boolean expire(String sessionId);

    /** Marks the session's reminder as sent; true only for the first caller, on any instance. */
    boolean claimReminder(String sessionId);

    record Held(Attendee attendee, boolean seated) {
    }
}
