package org.signpost.dialogs.focusgroup;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session is in its life. A draft is seen only by facilitators and HR; an open session takes
 * sign-ups until it starts; a cancelled one takes none; an expired one has had its sign-ups deleted at the
 * end of its retention period. Only the transitions listed here are allowed.
 */
public enum SessionStatus {
    DRAFT, OPEN, CANCELLED, EXPIRED;

    private Set<SessionStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(OPEN, CANCELLED);
            case OPEN -> EnumSet.of(CANCELLED, EXPIRED);
            case CANCELLED -> EnumSet.of(EXPIRED);
            case EXPIRED -> EnumSet.noneOf(SessionStatus.class);
        };
    }

    public boolean canBecome(SessionStatus status) {
        return next().contains(status);
    }

    /** The next status, or an {@link IllegalStateException} when this transition is not allowed. */
    public SessionStatus to(SessionStatus status) {
        if (!canBecome(status)) {
            throw new IllegalStateException("A session cannot go from " + this + " to " + status);
        }
        return status;
    }

    /** Whether facilitators may still change its details. */
    public boolean editable() {
        return this == DRAFT || this == OPEN;
    }
}
