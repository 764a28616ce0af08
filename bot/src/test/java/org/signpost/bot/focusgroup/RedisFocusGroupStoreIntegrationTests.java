package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroupStore.Held;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.Sessions;
import org.signpost.dialogs.kernel.MutableClock;

/** The store's rules in a real Redis, one script per change of places. */
class RedisFocusGroupStoreIntegrationTests {

    @RegisterExtension
    static final TestRedis.PerClass redis = TestRedis.perClass();
    static final Duration REUSE = Duration.ofSeconds(1);
    final MutableClock clock = new MutableClock();
    final DiskRewrites rewrites = new DiskRewrites(() -> { });
    final RedisFocusGroupStore store = new RedisFocusGroupStore(redis.client(), "signpost:",
            TestKeys.appKeys().pseudonyms("signup"), TestKeys.appKeys().seal("signup"), rewrites, clock, REUSE);

    @Test
    void placesThenTheWaitingListAndAWithdrawalGivesThePlaceOnInOrder() {
        Session session = Sessions.open(2, clock.instant());
        assertThat(store.save(session)).isEmpty();
        assertThat(store.session(session.id())).contains(session);
        assertThat(store.sessions()).contains(session);

        assertThat(signUp(session, 1, true)).isEqualTo(Placement.SEATED);
        assertThat(signUp(session, 2, false)).isEqualTo(Placement.SEATED);
        assertThat(signUp(session, 3, false)).isEqualTo(Placement.FULL);
        assertThat(store.waiting(session.id())).isEmpty();
        assertThat(signUp(session, 3, true)).isEqualTo(Placement.WAITING);
        assertThat(signUp(session, 4, true)).isEqualTo(Placement.WAITING);
        assertThat(signUp(session, 1, true)).isEqualTo(Placement.ALREADY_SIGNED_UP);
        assertThat(signUp(session, 4, true)).isEqualTo(Placement.ALREADY_SIGNED_UP);
        assertThat(store.seated(session.id())).containsExactlyInAnyOrder(attendee(session, 1), attendee(session, 2));
        assertThat(store.waiting(session.id())).containsExactly(attendee(session, 3), attendee(session, 4));
        assertThat(store.heldFor(attendee(session, 4).address()))
                .containsExactly(new Held(attendee(session, 4), false));

        assertThat(store.withdraw(session.id(), attendee(session, 1).address()).promoted())
                .contains(attendee(session, 3));
        assertThat(store.seated(session.id())).containsExactlyInAnyOrder(attendee(session, 2), attendee(session, 3));
        assertThat(store.waiting(session.id())).containsExactly(attendee(session, 4));
        assertThat(store.heldFor(attendee(session, 1).address())).isEmpty();
        assertThat(store.withdraw(session.id(), attendee(session, 1).address()).removed()).isFalse();
        assertThat(rewrites.due()).as("the deleted sign-up is still in the append-only file").isTrue();

        // a waiter who withdraws leaves nobody behind them out
        assertThat(store.withdraw(session.id(), attendee(session, 4).address()).promoted()).isEmpty();
        assertThat(store.waiting(session.id())).isEmpty();
    }

    @Test
    void aSessionSavedBeforeSignUpKeysHadLifetimesGetsItsEndOfRetentionWhenLoaded() {
        Session session = Sessions.open(1, clock.instant());
        store.save(session);
        // people of their own, so that this test leaves nothing the others could find even when it fails
        signUp(session, 71, true);
        signUp(session, 72, true);
        // as such a session was stored: no deleteAt beside it, and sign-up keys that never expire
        String details = "signpost:focus:{" + session.id() + "}";
        List<String> signUps = List.of("signpost:signup:{" + session.id() + "}:seats",
                "signpost:signup:{" + session.id() + "}:queue", "signpost:signup:{" + session.id() + "}:waiting");
        redis.client().hdel(details, "deleteAt");
        signUps.forEach(key -> redis.client().persist(key));
        assertThat(signUps).allSatisfy(key -> assertThat(redis.client().pttl(key)).isEqualTo(-1L));

        RedisFocusGroupStore restarted = new RedisFocusGroupStore(redis.client(), "signpost:",
                TestKeys.appKeys().pseudonyms("signup"), TestKeys.appKeys().seal("signup"), rewrites, clock, REUSE);
        restarted.indexOpenSessions();
        assertThat(redis.client().hget(details, "deleteAt"))
                .isEqualTo(Long.toString(session.retentionEndsAt().toEpochMilli()));
        long left = Duration.between(clock.instant(), session.retentionEndsAt()).toMillis();
        assertThat(signUps).allSatisfy(key -> assertThat(redis.client().pttl(key))
                .as("%s lives until the end of the retention period", key).isBetween(left - 60_000, left));

        // a session deleted meanwhile is not brought back by a late load
        store.delete(session.id());
        assertThat(restarted.session(session.id())).isEmpty();
        assertThat(redis.client().exists(details)).isFalse();
    }

    @Test
    void morePlacesGiveTheWaitingListPlacesAndEditsNeverReopenAnExpiredSession() {
        Session session = Sessions.open(1, clock.instant());
        store.save(session);
        signUp(session, 1, true);
        signUp(session, 2, true);
        signUp(session, 3, true);
        Session bigger = session.edited(new Session(session.id(), session.title(), session.audience(), session.start(),
                session.length(), session.place(), 2, session.facilitators(), session.firstAider(), session.guide(),
                session.retention(), session.status(), session.keyPoints()));
        assertThat(store.save(bigger)).containsExactly(attendee(session, 2));
        assertThat(store.expire(session.id())).isTrue();
        assertThat(store.expire(session.id())).isFalse();
        assertThat(store.seated(session.id())).isEmpty();
        assertThat(store.waiting(session.id())).isEmpty();
        assertThat(store.session(session.id()).orElseThrow().status()).isEqualTo(SessionStatus.EXPIRED);
        assertThatThrownBy(() -> store.save(bigger)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noSignUpForADraftACancelledAStartedOrAnUnknownSessionAndDeletingTakesEverything() {
        Session session = Sessions.open(3, clock.instant());
        store.save(session.cancel());
        assertThat(signUp(session, 1, true)).isEqualTo(Placement.NOT_TAKING_SIGN_UPS);
        Session other = Sessions.open(3, clock.instant());
        assertThat(signUp(other, 1, true)).as("never saved").isEqualTo(Placement.NOT_TAKING_SIGN_UPS);
        store.save(other);
        assertThat(signUp(other, 1, true)).isEqualTo(Placement.SEATED);
        clock.advance(Duration.between(clock.instant(), other.startsAt()));
        assertThat(signUp(other, 2, true)).isEqualTo(Placement.NOT_TAKING_SIGN_UPS);
        assertThat(store.claimReminder(other.id())).isTrue();
        assertThat(store.claimReminder(other.id())).isFalse();

        store.delete(other.id());
        assertThat(store.session(other.id())).isEmpty();
        assertThat(redis.client().keys("signpost:*{" + other.id() + "}*")).isEmpty();
        assertThat(store.session("s-../../x")).isEmpty();
        assertThat(store.withdraw("not an id", new Address("msteams", "29:x")).removed()).isFalse();
    }

    @Test
    void redisHoldsNoNameContactOrAddressOnlySealedRecordsUnderKeyedNames() {
        Session session = Sessions.open(2, clock.instant());
        store.save(session);
        signUp(session, 7, true);
        List<String> keys = List.copyOf(redis.client().keys("signpost:signup:{" + session.id() + "}*"));
        assertThat(keys).hasSize(1);
        String stored = redis.client().hgetAll(keys.get(0)).toString();
        Attendee attendee = attendee(session, 7);
        assertThat(stored).doesNotContain(attendee.signUp().displayName(), attendee.signUp().contact(),
                attendee.address().userId(), "consent");
    }

    @Test
    void signUpKeysExpireWhenTheSessionsRetentionPeriodEndsHoweverTheyWereWritten() {
        Session session = Sessions.open(1, clock.instant());
        store.save(session);
        signUp(session, 41, true);
        signUp(session, 42, true);
        long left = session.retentionEndsAt().toEpochMilli() - clock.instant().toEpochMilli();
        List<String> keys = List.of(":seats", ":queue", ":waiting").stream()
                .map(suffix -> "signpost:signup:{" + session.id() + "}" + suffix).toList();
        for (String key : keys) {
            assertThat(redis.client().pttl(key)).as(key).isBetween(left - 60_000, left);
        }
        // the seat's key emptied and written again by the promotion keeps a lifetime
        store.withdraw(session.id(), attendee(session, 41).address());
        assertThat(redis.client().pttl(keys.get(0))).isBetween(left - 60_000, left);
        // a longer retention moves the end, for every key
        Session longer = session.edited(new Session(session.id(), session.title(), session.audience(), session.start(),
                session.length(), session.place(), 1, session.facilitators(), session.firstAider(), session.guide(),
                session.retention().plusDays(10), session.status(), session.keyPoints()));
        store.save(longer);
        signUp(session, 43, true);
        for (String key : keys) {
            assertThat(redis.client().pttl(key)).as(key).isGreaterThan(left + Duration.ofDays(9).toMillis());
        }
    }

    @Test
    void whetherAnySessionTakesSignUpsIsOneQuestionThatFollowsOpeningCancellingStartingAndDeleting() {
        redis.client().del("signpost:focus:{sessions}:open");
        assertThat(store.takingSignUps(clock.instant())).isFalse();
        Session session = Sessions.open(2, clock.instant());
        store.save(session);
        assertThat(store.takingSignUps(clock.instant())).isTrue();
        assertThat(store.takingSignUps(session.startsAt())).as("once it starts").isFalse();
        store.save(session.cancel());
        assertThat(store.takingSignUps(clock.instant())).isFalse();
        Session other = Sessions.open(2, clock.instant());
        store.save(other);
        store.delete(other.id());
        assertThat(store.takingSignUps(clock.instant())).isFalse();

        // another instance opens one: seen here once this instance's read is a moment old; its cancelling too
        RedisFocusGroupStore elsewhere = new RedisFocusGroupStore(redis.client(), "signpost:",
                TestKeys.appKeys().pseudonyms("signup"), TestKeys.appKeys().seal("signup"), rewrites, clock, REUSE);
        Session fourth = Sessions.open(2, clock.instant());
        elsewhere.save(fourth);
        assertThat(elsewhere.takingSignUps(clock.instant())).as("on the instance that opened it, at once").isTrue();
        assertThat(store.takingSignUps(clock.instant())).as("read a moment ago here").isFalse();
        clock.advance(REUSE);
        assertThat(store.takingSignUps(clock.instant())).isTrue();
        elsewhere.save(fourth.cancel());
        assertThat(store.takingSignUps(clock.instant())).isTrue();
        clock.advance(REUSE);
        assertThat(store.takingSignUps(clock.instant())).isFalse();

        // sessions saved before there was an index are put in it at start-up; cancelled ones are not
        Session third = Sessions.open(2, clock.instant());
        store.save(third);
        redis.client().del("signpost:focus:{sessions}:open");
        store.indexOpenSessions();
        assertThat(redis.client().zscore("signpost:focus:{sessions}:open", third.id())).isNotNull();
        assertThat(redis.client().zscore("signpost:focus:{sessions}:open", session.id())).isNull();
    }

    @Test
    void whatIsHeldForAPersonFollowsSessionsAnotherInstanceSavesAndDeletes() {
        Session first = Sessions.open(2, clock.instant());
        store.save(first);
        signUp(first, 91, true);
        assertThat(store.heldFor(attendee(first, 91).address())).containsExactly(new Held(attendee(first, 91), true));

        // another instance saves a session and takes this person's sign-up: this instance, whose last read of the
        // index did not name it, finds it at its next read
        RedisFocusGroupStore elsewhere = new RedisFocusGroupStore(redis.client(), "signpost:",
                TestKeys.appKeys().pseudonyms("signup"), TestKeys.appKeys().seal("signup"), rewrites, clock, REUSE);
        Session second = Sessions.open(1, clock.instant());
        elsewhere.save(second);
        elsewhere.signUp(attendee(second, 92), false, clock.instant());
        assertThat(elsewhere.signUp(attendee(second, 91), true, clock.instant())).isEqualTo(Placement.WAITING);
        assertThat(store.heldFor(attendee(first, 91).address())).containsExactlyInAnyOrder(
                new Held(attendee(first, 91), true), new Held(attendee(second, 91), false));

        // and a session deleted there is held here no more
        elsewhere.delete(first.id());
        assertThat(store.heldFor(attendee(first, 91).address())).containsExactly(new Held(attendee(second, 91), false));
        assertThat(store.heldFor(attendee(second, 92).address())).containsExactly(new Held(attendee(second, 92), true));
    }

    private Placement signUp(Session session, int number, boolean wait) {
        return store.signUp(attendee(session, number), wait, clock.instant());
    }

    private Attendee attendee(Session session, int number) {
        return Sessions.attendee(session, number, session.startsAt().minus(Duration.ofDays(8)));
    }
}
