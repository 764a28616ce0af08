package org.signpost.dialogs.flow;

import java.util.Optional;
import org.signpost.dialogs.kernel.Turn;

/**
 * Port: whether anything is left for the person of a turn in a flow's open instance (a round they answered, every
 * session signed up for), as this instance read or learnt it a moment ago, so that the menu of their next turns
 * need not ask again. Only the menu takes it: asking for a flow, or clicking its card, reads fresh.
 */
public interface NothingLeftMemo {

    /** What was kept of {@code fact} ({@link #fact}) for this turn's person in this conversation, while still fresh. */
    Optional<Boolean> recall(Turn turn, String fact);

    /** Read, or learnt, in this turn. */
    void keep(Turn turn, String fact, boolean nothingLeft);

    /** Changed in this turn in a way not known here (a withdrawal): the next menu asks. */
    void forget(Turn turn, String fact);

    /** The fact of a flow's instance. */
    static String fact(String flowId, String instance) {
        return flowId + "/" + instance;
    }

    /** Nothing kept: every menu asks. */
    NothingLeftMemo NONE = new NothingLeftMemo() {
        @Override
        public Optional<Boolean> recall(Turn turn, String fact) {
            return Optional.empty();
        }

        @Override
        public void keep(Turn turn, String fact, boolean nothingLeft) {
        }

        @Override
        public void forget(Turn turn, String fact) {
        }
    };
}
