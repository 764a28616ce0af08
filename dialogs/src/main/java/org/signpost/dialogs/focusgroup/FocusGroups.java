package org.signpost.dialogs.focusgroup;

import java.util.List;

/**
 * Changes to places that someone must hear about: a withdrawal or more places give the first on the
 * waiting list a place, and they are told at once.
 */
public final class FocusGroups {

    private final FocusGroupStore store;
    private final Notices notices;

    public FocusGroups(FocusGroupStore store, Notices notices) {
        this.store = store;
        this.notices = notices;
    }

    public Withdrawal withdraw(String sessionId, Address address) {
        Withdrawal withdrawal = store.withdraw(sessionId, address);
        withdrawal.promoted().ifPresent(promoted -> tellPromoted(sessionId, List.of(promoted)));
        return withdrawal;
    }

    /** Creates or replaces a session; anyone given a place by it is told. */
    public void save(Session session) {
        tellPromoted(session.id(), store.save(session));
    }

    private void tellPromoted(String sessionId, List<Attendee> promoted) {
        if (promoted.isEmpty()) {
            return;
        }
        store.session(sessionId).ifPresent(session -> promoted.forEach(attendee ->
                notices.tell(attendee, session, Notices.Kind.PLACE_FROM_WAITING_LIST)));
    }

    public FocusGroupStore store() {
        return store;
    }
}
