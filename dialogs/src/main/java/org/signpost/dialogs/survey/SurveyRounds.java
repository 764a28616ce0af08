package org.signpost.dialogs.survey;

import java.util.Optional;
import org.signpost.dialogs.kernel.Together;

/**
 * Port: the survey round open right now, if any, as every instance sees it at this moment (HR opens and
 * closes rounds from the pages, or on a schedule). At most one round is open at a time.
 */
public interface SurveyRounds {

    Optional<SurveyRound> open();

    /** {@link #open} as a call the store may make together with others. */
    default Together.Call<Optional<SurveyRound>> openCall() {
        return this::open;
    }

    /**
     * The same as the store may have read it a moment ago (a change made on another instance seen up to that
     * moment late): for what a reply merely offers, such as the menu, never for someone taking the survey.
     */
    default Together.Call<Optional<SurveyRound>> recentOpenCall() {
        return openCall();
    }
}
