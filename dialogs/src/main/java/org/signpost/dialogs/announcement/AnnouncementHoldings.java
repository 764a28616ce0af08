package org.signpost.dialogs.announcement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * The announcements' part of "what do you keep about me": the note that this person stopped announcements, and the
 * note that their chat with Signpost was removed, each only while it is kept (both by a keyed one-way name).
 */
public final class AnnouncementHoldings implements Holdings {

    static final String STOPPED = "announcement.held.stopped";
    static final String REMOVED = "announcement.held.removed";

    private final OptOuts optOuts;

    public AnnouncementHoldings(OptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @Override
    public List<String> describe(Turn turn) {
        return lines(turn, optOuts.notes(turn));
    }

    @Override
    public Supplier<List<String>> describeWith(Turn turn, Together.Batch batch) {
        Together.Result<OptOuts.Notes> notes = batch.add(optOuts.notesCall(turn));
        return () -> lines(turn, notes.get());
    }

    private static List<String> lines(Turn turn, OptOuts.Notes notes) {
        List<String> lines = new ArrayList<>();
        if (notes.stopped()) {
            lines.add(turn.wording().text(STOPPED));
        }
        if (notes.removed()) {
            lines.add(turn.wording().text(REMOVED));
        }
        return lines;
    }

    public static List<String> wordingKeys() {
        return List.of(STOPPED, REMOVED);
    }
}
