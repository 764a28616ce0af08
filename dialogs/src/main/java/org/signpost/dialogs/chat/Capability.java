package org.signpost.dialogs.chat;

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

    /**
     * Whether this person may use it at all; when not, it is not on their menu and asking for it is
     * simply not understood.
     */
    default boolean availableTo(Turn turn) {
        return true;
    }

    CompletableFuture<Void> handle(Turn turn);
}
