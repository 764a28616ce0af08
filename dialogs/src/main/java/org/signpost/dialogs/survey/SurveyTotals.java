package org.signpost.dialogs.survey;

import org.signpost.dialogs.kernel.Together;

/** Port: a round's respondent tokens and aggregated counters. */
public interface SurveyTotals {

    enum Outcome {
        /** the token was new and every counter was added, atomically */
        COUNTED,
        /** the token was already there: nothing was added */
        ALREADY_COUNTED,
        /** the round is not open: nothing was added */
        ROUND_CLOSED,
        /** the store could not be reached: nothing was sent, nothing was added */
        NOT_SAVED,
        /** the connection failed after sending, or no replica confirmed it in time: it may not have been kept */
        UNKNOWN
    }

    boolean hasResponded(String roundId, String token);

    /** {@link #hasResponded} as a call the store may make together with the turn's other reads. */
    default Together.Call<Boolean> hasRespondedCall(String roundId, String token) {
        return () -> hasResponded(roundId, token);
    }

    /**
     * In one atomic step: adds the token and, only if it was new, the submission to the counters; and
     * deletes the conversation's in-progress answers (counted now, or already counted before).
     */
    Outcome submit(String roundId, String token, CounterLayout.Submission submission, String conversationKey);
}
