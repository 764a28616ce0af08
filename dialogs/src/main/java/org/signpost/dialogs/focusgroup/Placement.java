package org.signpost.dialogs.focusgroup;

/** What came of asking for a place. Only SEATED and WAITING store anything. */
public enum Placement {
    /** a place is theirs */
    SEATED,
    /** the session is full; they are on its waiting list */
    WAITING,
    /** they already have a place or are already waiting: nothing changed */
    ALREADY_SIGNED_UP,
    /** the session is full and they did not ask to wait: nothing stored */
    FULL,
    /** unknown, draft, cancelled, expired or already started: nothing stored */
    NOT_TAKING_SIGN_UPS
}
