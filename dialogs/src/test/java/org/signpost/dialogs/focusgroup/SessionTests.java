package org.signpost.dialogs.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTests {

    static final Instant NOW = Instant.parse("2026-02-05T09:00:00Z");

    @Test
    void aDraftWithOneFacilitatorAndNoFirstAiderIsSavedWithTwoWarnings() {
        Session draft = Session.draft("Managers' group", Optional.of("managers in corporate"),
                LocalDateTime.of(2026, 6, 10, 14, 0), Duration.ofHours(1), "https://teams.example/meet/1", 8,
                List.of("Only One"), " ", List.of("What helps?"), Session.DEFAULT_RETENTION);
        assertThat(draft.status()).isEqualTo(SessionStatus.DRAFT);
        assertThat(draft.warnings()).containsExactly(SessionWarning.FEWER_THAN_TWO_FACILITATORS,
                SessionWarning.NO_FIRST_AIDER);
        // June in London is summer time: 14:00 there is 13:00 UTC
        assertThat(draft.startsAt()).isEqualTo(Instant.parse("2026-06-10T13:00:00Z"));
        assertThat(draft.retentionEndsAt()).isEqualTo(Instant.parse("2026-07-10T14:00:00Z"));
        assertThat(Sessions.open(5, NOW).warnings()).isEmpty();
    }

    @Test
    void onlyTheAllowedTransitionsHappen() {
        Session open = Sessions.open(5, NOW);
        assertThat(open.status()).isEqualTo(SessionStatus.OPEN);
        assertThatThrownBy(open::publish).isInstanceOf(IllegalStateException.class);
        Session cancelled = open.cancel();
        assertThatThrownBy(cancelled::publish).isInstanceOf(IllegalStateException.class);
        Session expired = cancelled.expire();
        assertThatThrownBy(expired::expire).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(expired::cancel).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> expired.edited(open)).isInstanceOf(IllegalStateException.class);
        for (SessionStatus from : SessionStatus.values()) {
            assertThat(from.canBecome(SessionStatus.DRAFT)).as("nothing goes back to draft").isFalse();
            assertThat(from.canBecome(from)).isFalse();
        }
    }

    @Test
    void signUpsAreTakenOnlyWhileOpenAndBeforeTheStart() {
        Session open = Sessions.open(5, NOW);
        assertThat(open.takesSignUps(NOW)).isTrue();
        assertThat(open.takesSignUps(open.startsAt())).isFalse();
        assertThat(open.cancel().takesSignUps(NOW)).isFalse();
        Session draft = new Session(open.id(), open.title(), open.audience(), open.start(), open.length(), open.place(),
                open.capacity(), open.facilitators(), open.firstAider(), open.guide(), open.retention(),
                SessionStatus.DRAFT, Optional.empty());
        assertThat(draft.takesSignUps(NOW)).isFalse();
    }

    @Test
    void keyPointsOnlyAfterTheSessionWasHeld() {
        Session open = Sessions.open(5, NOW);
        assertThatThrownBy(() -> open.withKeyPoints("Workload", NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(open.withKeyPoints(" Workload comes up first ", open.endsAt()).keyPoints())
                .contains("Workload comes up first");
    }

    @Test
    void badDetailsAreRefused() {
        Session open = Sessions.open(5, NOW);
        assertThatThrownBy(() -> new Session("../../etc", open.title(), open.audience(), open.start(), open.length(),
                open.place(), 5, open.facilitators(), "", open.guide(), open.retention(), SessionStatus.OPEN,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        for (int capacity : new int[] {0, -1, Session.MAX_CAPACITY + 1}) {
            assertThatThrownBy(() -> Session.draft("T", Optional.empty(), LocalDateTime.of(2026, 3, 1, 10, 0),
                    Duration.ofHours(1), "Room", capacity, List.of(), "", List.of(), Session.DEFAULT_RETENTION))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Session.draft(" ", Optional.empty(), LocalDateTime.of(2026, 3, 1, 10, 0),
                Duration.ofHours(1), "Room", 3, List.of(), "", List.of(), Session.DEFAULT_RETENTION))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Session.draft("T", Optional.empty(), LocalDateTime.of(2026, 3, 1, 10, 0),
                Duration.ofHours(1), "Room", 3, List.of(), "", List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignUp("s-abcd", "Name\u0000", "x", "v1", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignUp("s-abcd", "Name", "x", "", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
