package org.signpost.dialogs.announcement;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/** "Stop announcements" or "start announcements", in the person's personal chat. */
public final class AnnouncementsSwitch implements Capability {

    public static final String STOP = "stop-announcements";
    public static final String START = "start-announcements";

    private final OptOuts optOuts;
    private final boolean on;

    private AnnouncementsSwitch(OptOuts optOuts, boolean on) {
        this.optOuts = optOuts;
        this.on = on;
    }

    public static AnnouncementsSwitch stop(OptOuts optOuts) {
        return new AnnouncementsSwitch(optOuts, false);
    }

    public static AnnouncementsSwitch start(OptOuts optOuts) {
        return new AnnouncementsSwitch(optOuts, true);
    }

    @Override
    public String id() {
        return on ? START : STOP;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        if (on) {
            optOuts.start(turn);
            return turn.say("announcement.started");
        }
        optOuts.stop(turn);
        return turn.say("announcement.stopped");
    }
}
