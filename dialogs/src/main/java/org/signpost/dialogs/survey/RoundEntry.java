package org.signpost.dialogs.survey;

import java.time.Instant;
import java.util.Optional;

/**
 * A survey round as HR runs it: its survey, its place in the order rounds were made (for "the previous
 * round"), its state, and when it is scheduled to open or close.
 */
public record RoundEntry(String id, String surveyId, long order, State state, Optional<Instant> opensAt,
        Optional<Instant> closesAt) {

    /** A round is made scheduled (or opened at once), opens once, and closes for good. */
    public enum State { SCHEDULED, OPEN, CLOSED }

    public RoundEntry {
        if (!SurveyRound.validId(id)) {
            throw new IllegalArgumentException("A round id is lower-case letters, digits and hyphens");
        }
    }

    public boolean everOpened() {
        return state != State.SCHEDULED;
    }
}
