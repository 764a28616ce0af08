package org.signpost.dialogs.survey;

import java.time.Instant;
import java.util.Optional;
import org.signpost.dialogs.survey.RoundRegistry.Problem;

/** The rules of a round's schedule, plain Java over the time given: what may be scheduled, and what is due. */
public final class RoundSchedule {

    public enum Action { OPEN, CLOSE }

    private RoundSchedule() {
    }

    /** Whether these times may be set on a round in this state at {@code now}; empty when they may. */
    public static Optional<Problem> check(RoundEntry.State state, Optional<Instant> opensAt, Optional<Instant> closesAt,
            Instant now) {
        if (state == RoundEntry.State.CLOSED) {
            return Optional.of(Problem.ALREADY_CLOSED);
        }
        if (opensAt.isEmpty() && closesAt.isEmpty()) {
            return Optional.of(Problem.NOTHING_TO_SCHEDULE);
        }
        if (opensAt.isPresent() && state == RoundEntry.State.OPEN) {
            return Optional.of(Problem.ALREADY_OPEN);
        }
        if (opensAt.filter(at -> !at.isAfter(now)).isPresent() || closesAt.filter(at -> !at.isAfter(now)).isPresent()) {
            return Optional.of(Problem.IN_THE_PAST);
        }
        if (opensAt.isPresent() && closesAt.isPresent() && !closesAt.get().isAfter(opensAt.get())) {
            return Optional.of(Problem.CLOSES_BEFORE_OPENS);
        }
        return Optional.empty();
    }

    /**
     * What is due for this round at {@code now}: an open round past its closing time closes; a scheduled
     * round past its opening time opens, unless its closing time has passed too (then it closes without
     * ever opening: it was missed, and opening it for no time would count nobody).
     */
    public static Optional<Action> due(RoundEntry round, Instant now) {
        boolean closeDue = round.closesAt().filter(at -> !at.isAfter(now)).isPresent();
        return switch (round.state()) {
            case OPEN -> closeDue ? Optional.of(Action.CLOSE) : Optional.empty();
            case SCHEDULED -> closeDue ? Optional.of(Action.CLOSE)
                    : round.opensAt().filter(at -> !at.isAfter(now)).map(at -> Action.OPEN);
            case CLOSED -> Optional.empty();
        };
    }
}
