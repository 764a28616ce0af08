package org.signpost.dialogs.survey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the survey rounds HR runs (from the pages, or as configuration seeds them), shared by every
 * instance. At most one round is open at a time; opening pins the survey as it is today; closing is final
 * (the round's respondent tokens are deleted and it never opens again). Every change either happens whole
 * or, with a {@link Problem}, not at all.
 */
public interface RoundRegistry {

    /** Why a change was refused; nothing was changed. */
    enum Problem {
        INVALID_ID, UNKNOWN_SURVEY, ALREADY_EXISTS, UNKNOWN_ROUND, ALREADY_OPEN, ALREADY_CLOSED, ANOTHER_OPEN,
        IN_THE_PAST, CLOSES_BEFORE_OPENS, NOTHING_TO_SCHEDULE, COUNTERS_WITHOUT_METADATA
    }

    /** A change made, or refused with its problem ({@code other}: the round in the way, if any). */
    record Result(Optional<Problem> problem, Optional<String> other) {
        public static final Result DONE = new Result(Optional.empty(), Optional.empty());

        public static Result refused(Problem problem) {
            return new Result(Optional.of(problem), Optional.empty());
        }

        public static Result refused(Problem problem, String other) {
            return new Result(Optional.of(problem), Optional.of(other));
        }

        public boolean done() {
            return problem.isEmpty();
        }
    }

    /** What the schedule did. */
    record Done(String roundId, RoundSchedule.Action action) {
    }

    /** Every round, newest first. */
    List<RoundEntry> rounds();

    Optional<RoundEntry> round(String id);

    /** A new round of a survey: opened now when {@code opensAt} is empty, else scheduled. */
    Result create(String id, String surveyId, Optional<Instant> opensAt, Optional<Instant> closesAt, Instant now);

    Result open(String id);

    Result close(String id);

    /** Sets when a round that has not opened yet opens, and when a round that is not closed closes. */
    Result schedule(String id, Optional<Instant> opensAt, Optional<Instant> closesAt, Instant now);

    /** Opens and closes what the schedule says is due by {@code now}; what it did. */
    List<Done> runDue(Instant now);
}
