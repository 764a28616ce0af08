package org.signpost.bot.focusgroup;

import org.signpost.dialogs.focusgroup.Reminders;
import org.signpost.dialogs.focusgroup.RetentionExpiry;

/** One tick: delete sign-ups past their retention, send the day-before reminders, ask for a rewrite if due. */
final class FocusGroupTimer {

    private final RetentionExpiry expiry;
    private final Reminders reminders;
    private final DiskRewrites rewrites;

    FocusGroupTimer(RetentionExpiry expiry, Reminders reminders, DiskRewrites rewrites) {
        this.expiry = expiry;
        this.reminders = reminders;
        this.rewrites = rewrites;
    }

    void tick() {
        expiry.run();
        reminders.run();
        rewrites.tick();
    }
}
