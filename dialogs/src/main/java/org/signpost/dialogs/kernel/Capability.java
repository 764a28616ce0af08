package org.signpost.dialogs.kernel;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Something a person can ask Signpost for, by a menu button or in their own words. Its id is both the
 * intent id the recogniser returns and the action id a card button submits.
 */
public interface Capability {

    String id();

    /** Whether the menu offers it; its label is the wording {@code menu.<id>}. */
    default boolean onMenu() {
        return false;
    }

    /** Whether the menu offers it in this turn (a flow: whether anything is open now, read once a turn). */
    default boolean onMenu(Turn turn) {
        return onMenu();
    }

    /**
     * Whether its menu keyword ({@code menu.<id>.keyword}), typed alone, is this item in this turn: by default
     * while the menu offers it.
     */
    default boolean takesKeyword(Turn turn) {
        return onMenu(turn);
    }

    /**
     * What the menu shows for it in this turn, once it is on the menu: itself; or, when nothing is left for this
     * person to do with it (a survey they answered), the id of what they can do instead, or nothing, so that the
     * menu never offers what would only answer "already done".
     */
    default Optional<String> shownAs(Turn turn) {
        return Optional.of(id());
    }

    /**
     * Adds to the batch what {@link #shownAs} asks of the store in this turn and is not known yet, so that a reply
     * with reads of its own makes the menu's with them; what keeps them for the turn once the batch is made.
     */
    default Runnable addShownAsReads(Turn turn, Together.Batch batch) {
        return () -> {
        };
    }

    /** Who may use it: empty for everyone, else a person with at least one of these roles. */
    default Set<Role> roles() {
        return Set.of();
    }

    /**
     * What may answer in its place for a person who may not use it, when their words read as it first and, among
     * what they may use, as one of these confidently (HR's results: "who can see the survey results" from anyone
     * else gets the privacy statement). Empty: they are not understood, as before.
     */
    default Set<String> standIns() {
        return Set.of();
    }

    /**
     * Whether this person may use it now; when not, it is not on their menu and asking for it is simply
     * not understood, so its existence is not revealed.
     */
    default boolean availableTo(Turn turn) {
        Set<Role> needed = roles();
        if (needed.isEmpty()) {
            return true;
        }
        // a loop, not a stream: asked of every capability on every turn (the menu, the router)
        Set<Role> held = turn.roles();
        for (Role role : needed) {
            if (held.contains(role)) {
                return true;
            }
        }
        return false;
    }

    CompletableFuture<Void> handle(Turn turn);
}
