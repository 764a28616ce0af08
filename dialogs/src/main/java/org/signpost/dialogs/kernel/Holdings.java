package org.signpost.dialogs.kernel;

import java.util.List;
import java.util.function.Supplier;

/**
 * Port: what a feature holds about the person speaking (a focus-group sign-up), for "what do you keep about
 * me". The privacy statement lists it without knowing the feature.
 */
public interface Holdings {

    /** Each thing held, in the person's words (wording of the turn); empty when nothing is. */
    List<String> describe(Turn turn);

    /**
     * The same, its reads added to a batch that the other holdings' (and the menu's) join: what it describes once
     * the batch is made. By default it reads on its own then.
     */
    default Supplier<List<String>> describeWith(Turn turn, Together.Batch batch) {
        return () -> describe(turn);
    }
}
