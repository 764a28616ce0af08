package org.signpost.dialogs.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.kernel.MutableClock;

class RetentionAndRemindersTests {

    final MutableClock clock = new MutableClock();
    final InMemoryFocusGroupStore store = new InMemoryFocusGroupStore();
    final List<String> told = new ArrayList<>();
    final Notices notices = (attendee, session, kind) -> told.add(kind + " " + attendee.signUp().displayName());

    @Test
    void signUpsAreDeletedWhenTheRetentionPeriodEndsAndNotBefore() {
        Session session = Sessions.open(3, clock.instant());
        store.save(session);
        store.signUp(Sessions.attendee(session, 1, clock.instant()), true, clock.instant());
        RetentionExpiry expiry = new RetentionExpiry(store, clock);

        clock.advance(Duration.between(clock.instant(), session.retentionEndsAt()).minusSeconds(1));
        assertThat(expiry.run()).isEmpty();
        assertThat(store.seated(session.id())).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(expiry.run()).containsExactly(session.id());
        assertThat(store.seated(session.id())).isEmpty();
        assertThat(store.session(session.id()).orElseThrow().status()).isEqualTo(SessionStatus.EXPIRED);
        assertThat(expiry.run()).as("once").isEmpty();
    }

    @Test
    void theDayBeforeEachPersonWithAPlaceIsRemindedOnceAndWaitersAreNot() {
        Session session = Sessions.open(1, clock.instant());
        store.save(session);
        store.signUp(Sessions.attendee(session, 1, clock.instant()), true, clock.instant());
        store.signUp(Sessions.attendee(session, 2, clock.instant()), true, clock.instant());
        Reminders reminders = new Reminders(store, notices, clock);

        assertThat(reminders.run()).isEmpty();
        // the session is at 14:00 London a week ahead; the day before at 08:00 is its reminder day
        clock.advance(Duration.between(clock.instant(), session.start().minusDays(1).withHour(8).toInstant()));
        assertThat(reminders.run()).containsExactly(session.id());
        assertThat(reminders.run()).isEmpty();
        assertThat(told).containsExactly("REMINDER Person 1");
    }

    @Test
    void aWithdrawalTellsTheFirstWaiterTheyHaveAPlace() {
        Session session = Sessions.open(1, clock.instant());
        FocusGroups groups = new FocusGroups(store, notices);
        groups.save(session);
        Attendee first = Sessions.attendee(session, 1, clock.instant());
        store.signUp(first, true, clock.instant());
        store.signUp(Sessions.attendee(session, 2, clock.instant()), true, clock.instant());
        assertThat(groups.withdraw(session.id(), first.address()).promoted()).isPresent();
        assertThat(told).containsExactly("PLACE_FROM_WAITING_LIST Person 2");
        assertThat(store.heldFor(first.address())).isEmpty();
    }
}
