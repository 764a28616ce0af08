package org.signpost.dialogs.kernel;

import java.util.List;

/**
 * Port: what a feature holds about the person speaking (a focus-group sign-up), for "what do you keep about
 * me". The privacy statement lists it without knowing the feature.
 */
public interface Holdings {

    /** Each thing held, in the person's words (wording of the turn); empty when nothing is. */
    List<String> describe(Turn turn);
}
