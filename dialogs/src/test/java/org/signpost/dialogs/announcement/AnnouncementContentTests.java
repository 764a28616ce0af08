package org.signpost.dialogs.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.AdaptiveCardRenderer;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.PlainTextRenderer;

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
        Card card = SHIPPED.card("focus-group-invitation", null, WORDING).orElseThrow();
        assertThat(card.body()).contains(new Card.Heading(WORDING.text("announcement.template.focus-group-invitation.heading")));
        assertThat(actions(SHIPPED, "focus-group-invitation")).containsExactly("focusgroup");
        assertThat(((Card.Submit) card.actions().get(0)).title()).isEqualTo(WORDING.text("announcement.action.focusgroup"));
        assertThat(SHIPPED.offering(action -> false).card("focus-group-invitation", null, WORDING).orElseThrow().actions()).isEmpty();
    }

    @Test
    void youSaidWeDidShowsTheAmbassadorsWordsAfterItsIntroAsPlainTextAndNothingWithoutThem() {
        String words = "We heard you: **more** time to talk. See [the plan](http://x.example/plan) <b>now</b>";
        Card card = SHIPPED.card("you-said-we-did", words, WORDING).orElseThrow();
        assertThat(card.body()).containsExactly(
                new Card.Heading(WORDING.text("announcement.template.you-said-we-did.heading")),
                new Card.Paragraph(WORDING.text("announcement.template.you-said-we-did.body")),
                new Card.Verbatim(words));
        // an Adaptive Card TextRun is never read as markdown: the words arrive exactly as written
        JsonNode json = AdaptiveCardRenderer.json(card).get("body").get(2);
        assertThat(json.get("type").asText()).isEqualTo("RichTextBlock");
        assertThat(json.get("inlines").get(0).get("type").asText()).isEqualTo("TextRun");
        assertThat(json.get("inlines").get(0).get("text").asText()).isEqualTo(words);
        assertThat(PlainTextRenderer.text(card)).contains(words);
        assertThat(SHIPPED.takesOwnWords("you-said-we-did")).isTrue();
        assertThat(SHIPPED.takesOwnWords("time-to-talk-day")).isFalse();
        assertThat(SHIPPED.card("you-said-we-did", " ", WORDING)).isEmpty();
        assertThat(SHIPPED.card("you-said-we-did", null, WORDING)).isEmpty();
        // other templates take no words: any given are not shown
        assertThat(SHIPPED.card("pledge-invitation", words, WORDING).orElseThrow().body())
                .noneMatch(Card.Verbatim.class::isInstance);
    }

    private static List<String> actions(AnnouncementContent content, String template) {
        return content.card(template, null, WORDING).orElseThrow().actions().stream()
                .map(action -> ((Card.Submit) action).data().get(CardKeys.ACTION)).toList();
    }
}
