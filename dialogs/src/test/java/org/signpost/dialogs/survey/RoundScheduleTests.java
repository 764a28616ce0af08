package org.signpost.dialogs.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.survey.RoundEntry.State;
import org.signpost.dialogs.survey.RoundRegistry.Problem;
import org.signpost.dialogs.survey.RoundSchedule.Action;

/** A round's schedule over a moved clock: what may be set, and what falls due when. */
class RoundScheduleTests {

    static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
    static final Optional<Instant> NONE = Optional.empty();

    @Test
    void onlyFutureTimesInOrderOnARoundThatCanStillTakeThem() {
        Optional<Instant> hour = Optional.of(NOW.plus(Duration.ofHours(1)));
        Optional<Instant> day = Optional.of(NOW.plus(Duration.ofDays(1)));
        assertThat(RoundSchedule.check(State.SCHEDULED, hour, day, NOW)).isEmpty();
        assertThat(RoundSchedule.check(State.OPEN, NONE, day, NOW)).isEmpty();
        assertThat(RoundSchedule.check(State.SCHEDULED, Optional.of(NOW), day, NOW)).hasValue(Problem.IN_THE_PAST);
        assertThat(RoundSchedule.check(State.OPEN, NONE, Optional.of(NOW.minusSeconds(1)), NOW))
                .hasValue(Problem.IN_THE_PAST);
        assertThat(RoundSchedule.check(State.SCHEDULED, day, hour, NOW)).hasValue(Problem.CLOSES_BEFORE_OPENS);
        assertThat(RoundSchedule.check(State.SCHEDULED, day, day, NOW)).hasValue(Problem.CLOSES_BEFORE_OPENS);
        assertThat(RoundSchedule.check(State.OPEN, hour, day, NOW)).hasValue(Problem.ALREADY_OPEN);
        assertThat(RoundSchedule.check(State.CLOSED, NONE, day, NOW)).hasValue(Problem.ALREADY_CLOSED);
        assertThat(RoundSchedule.check(State.SCHEDULED, NONE, NONE, NOW)).hasValue(Problem.NOTHING_TO_SCHEDULE);
    }

    @Test
    void aRoundOpensAtItsTimeAndClosesAtItsTimeAndNeverBefore() {
        Instant opens = NOW.plus(Duration.ofHours(1));
        Instant closes = NOW.plus(Duration.ofDays(14));
        RoundEntry scheduled = new RoundEntry("spring-2027", "staff-survey", 3, State.SCHEDULED, Optional.of(opens),
                Optional.of(closes));
        assertThat(RoundSchedule.due(scheduled, opens.minusMillis(1))).isEmpty();
        assertThat(RoundSchedule.due(scheduled, opens)).hasValue(Action.OPEN);
        RoundEntry open = new RoundEntry("spring-2027", "staff-survey", 3, State.OPEN, Optional.of(opens),
                Optional.of(closes));
        assertThat(RoundSchedule.due(open, opens.plusSeconds(60))).isEmpty();
        assertThat(RoundSchedule.due(open, closes)).hasValue(Action.CLOSE);
        RoundEntry closed = new RoundEntry("spring-2027", "staff-survey", 3, State.CLOSED, Optional.of(opens),
                Optional.of(closes));
        assertThat(RoundSchedule.due(closed, closes.plusSeconds(60))).isEmpty();
        // missed altogether (every instance was down): it closes without opening, never opens for no time
        assertThat(RoundSchedule.due(scheduled, closes.plusSeconds(1))).hasValue(Action.CLOSE);
    }
}
