package org.signpost.dialogs.focusgroup;

/** Port: messages to a person outside a conversation turn (their personal chat with the bot). */
public interface Notices {

    enum Kind {
        /** the day before: when and where, with the support line */
        REMINDER,
        /** a place came free and is now theirs */
        PLACE_FROM_WAITING_LIST
    }

    /** Whether it was delivered. */
    boolean tell(Attendee attendee, Session session, Kind kind);
}
