package org.signpost.dialogs.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RosterTests {

    static final Instant NOW = SessionTests.NOW;
    final Session session = Sessions.open(2, NOW);

    @Test
    void placesFirstThenTheWaitingListInOrderAndAWithdrawalGivesThePlaceToTheFirstWaiter() {
        Roster roster = new Roster(2);
        assertThat(roster.add("a", attendee(1), true)).isEqualTo(Placement.SEATED);
        assertThat(roster.add("b", attendee(2), true)).isEqualTo(Placement.SEATED);
        assertThat(roster.add("c", attendee(3), false)).isEqualTo(Placement.FULL);
        assertThat(roster.waiting()).isEmpty();
        assertThat(roster.add("c", attendee(3), true)).isEqualTo(Placement.WAITING);
        assertThat(roster.add("d", attendee(4), true)).isEqualTo(Placement.WAITING);
        assertThat(roster.add("a", attendee(1), true)).isEqualTo(Placement.ALREADY_SIGNED_UP);
        assertThat(roster.add("c", attendee(3), true)).isEqualTo(Placement.ALREADY_SIGNED_UP);

        Withdrawal withdrawal = roster.remove("a");
        assertThat(withdrawal.removed()).isTrue();
        assertThat(withdrawal.promoted()).contains(attendee(3));
        assertThat(roster.seated()).containsExactly(attendee(2), attendee(3));
        assertThat(roster.waiting()).containsExactly(attendee(4));

        assertThat(roster.remove("d")).isEqualTo(new Withdrawal(true, Optional.empty()));
        assertThat(roster.remove("d")).isEqualTo(Withdrawal.nothing());
    }

    @Test
    void morePlacesGoToTheWaitingListAndFewerUnseatNobody() {
        Roster roster = new Roster(1);
        roster.add("a", attendee(1), true);
        roster.add("b", attendee(2), true);
        roster.add("c", attendee(3), true);
        assertThat(roster.resize(2)).containsExactly(attendee(2));
        assertThat(roster.resize(1)).isEmpty();
        assertThat(roster.seated()).containsExactly(attendee(1), attendee(2));
        assertThat(roster.remove("a").promoted()).isEmpty();
        assertThat(roster.remove("b").promoted()).contains(attendee(3));
    }

    private Attendee attendee(int number) {
        return Sessions.attendee(session, number, NOW);
    }
}
