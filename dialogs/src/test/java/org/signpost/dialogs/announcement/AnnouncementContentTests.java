package org.signpost.dialogs.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;

/** The shipped templates' cards: which buttons they carry, and that a flow's button shows only while it is open. */
class AnnouncementContentTests {

    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final AnnouncementContent SHIPPED = AnnouncementContent.load(ContentFolder.shipped());

    @Test
    void theTimeToTalkDayCardLinksIntoTheSurveyAndFocusGroupsWhileTheyAreOpen() {
        assertThat(actions(SHIPPED, "time-to-talk-day"))
                .containsExactly("pledge", "conversation-starter", "learning", "survey", "focusgroup");
        AnnouncementContent surveyClosed = SHIPPED.offering(action -> !action.equals("survey"));
        assertThat(actions(surveyClosed, "time-to-talk-day"))
                .containsExactly("pledge", "conversation-starter", "learning", "focusgroup");
        AnnouncementContent bothClosed = SHIPPED.offering(action -> !Set.of("survey", "focusgroup").contains(action));
        assertThat(actions(bothClosed, "time-to-talk-day")).containsExactly("pledge", "conversation-starter", "learning");
    }

    @Test
    void theFocusGroupInvitationHasItsWordingAndOneButton() {
        Card card = SHIPPED.card("focus-group-invitation", WORDING).orElseThrow();
        assertThat(card.body()).contains(new Card.Heading(WORDING.text("announcement.template.focus-group-invitation.heading")));
        assertThat(actions(SHIPPED, "focus-group-invitation")).containsExactly("focusgroup");
        assertThat(((Card.Submit) card.actions().get(0)).title()).isEqualTo(WORDING.text("announcement.action.focusgroup"));
        assertThat(SHIPPED.offering(action -> false).card("focus-group-invitation", WORDING).orElseThrow().actions()).isEmpty();
    }

    private static List<String> actions(AnnouncementContent content, String template) {
        return content.card(template, WORDING).orElseThrow().actions().stream()
                .map(action -> ((Card.Submit) action).data().get(CardKeys.ACTION)).toList();
    }
}
