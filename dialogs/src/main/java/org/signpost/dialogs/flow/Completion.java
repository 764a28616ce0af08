package org.signpost.dialogs.flow;

import java.util.Map;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * What submitting a flow does: the survey counts anonymously; a sign-up stores with consent; an
 * announcement queues a broadcast. The engine renders its outcome, so "nothing lost, nothing doubled" is
 * told the same way everywhere.
 */
public interface Completion {

    enum Outcome {
        /** done now, exactly once */
        DONE,
        /** it had been done before: nothing more was done */
        ALREADY_DONE,
        /** the instance is no longer open: nothing was done */
        CLOSED,
        /** the store could not be reached: nothing was done */
        NOT_SAVED,
        /** it may or may not have been kept: a retry will tell */
        MAYBE_SAVED
    }

    /**
     * An outcome, with the values the receipt's wording needs (a count, never an answer).
     *
     * @param receiptKey the receipt's wording key when it is not the flow's {@code <id>.receipt} (a sign-up
     *                   that joined a waiting list), else null
     */
    record Result(Outcome outcome, Map<String, String> receipt, String receiptKey) {
        public Result {
            receipt = Map.copyOf(receipt);
        }

        public Result(Outcome outcome, Map<String, String> receipt) {
            this(outcome, receipt, null);
        }

        public static Result of(Outcome outcome) {
            return new Result(outcome, Map.of());
        }
    }

    /** Whether this person has already completed this instance (answered this round, signed up). */
    boolean alreadyDone(Turn turn, String instance);

    /**
     * Whether there is nothing left for this person to do in this instance, so it does not begin again: by
     * default once it is done; a sign-up period lets a person sign up for each of its sessions, once.
     */
    default boolean nothingLeft(Turn turn, String instance) {
        return alreadyDone(turn, instance);
    }

    /** {@link #nothingLeft} as a call the store may make together with the turn's other reads. */
    default Together.Call<Boolean> nothingLeftCall(Turn turn, String instance) {
        return () -> nothingLeft(turn, instance);
    }

    /**
     * Whether once it is done (or found done) nothing is left for this person in the instance, so that the menu
     * under the receipt knows it without asking: a survey round is answered once; a sign-up period has more
     * sessions.
     */
    default boolean nothingLeftOnceDone() {
        return false;
    }

    /** Completes the run; the run is at its confirm step. */
    Result complete(Turn turn, FlowRun run);
}
