package org.signpost.dialogs.focusgroup;

import java.util.Optional;

/**
 * What came of a withdrawal: whether anything was removed, and who was given the place from the waiting
 * list (to be told).
 */
public record Withdrawal(boolean removed, Optional<Attendee> promoted) {

    public static Withdrawal nothing() {
        return new Withdrawal(false, Optional.empty());
    }
}
