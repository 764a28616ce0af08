package org.signpost.dialogs.focusgroup;

/** Port: a count of what came of sign-ups, by outcome only: never a session, a name or anything typed. */
public interface SignUpEvents {

    enum Outcome {
        SIGNED_UP, WAITING_LIST, WITHDRAWN, REFUSED_CONSENT
    }

    void record(Outcome outcome);

    static SignUpEvents none() {
        return outcome -> {
        };
    }
}
