package org.signpost.dialogs.announcement;

import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * Port: "stop announcements" and "start announcements". Whoever stops is left out of every later
 * broadcast (remembered by a keyed one-way name, never a list of names) until they start again.
 */
public interface OptOuts {

    /** The person of this turn, in the conversation it came from (the store reads its reference). */
    void stop(Turn turn);

    void start(Turn turn);

    /**
     * What is noted of this person, for "what do you keep about me": that they stopped announcements, and that their
     * personal chat was removed (or Teams said it was gone), so that no later announcement opens it again.
     */
    record Notes(boolean stopped, boolean removed) {
    }

    Notes notes(Turn turn);

    /** {@link #notes} as a call the store may make together with the turn's other reads. */
    default Together.Call<Notes> notesCall(Turn turn) {
        return () -> notes(turn);
    }
}
