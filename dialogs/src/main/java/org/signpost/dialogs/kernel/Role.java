package org.signpost.dialogs.kernel;

import java.util.Locale;

/** What configuration can grant a person beyond being a member of staff (DESIGN §2d). */
public enum Role {
    HR, FACILITATOR, AMBASSADOR;

    /** The name used in settings and flow files: {@code hr}, {@code facilitator}, {@code ambassador}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
