package org.signpost.dialogs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.builder.adapters.TestAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.AttachmentLayoutTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.TextFormatTypes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;

/**
 * A reply is one message in reading order: the words, then the cards. Where cards do not render, it is one
 * text, and someone's own words in any of its cards make the whole text plain (never read as markdown).
 */
class ReplyTests {

    static final Wording WORDING = new Messages(ContentFolder.shipped()).wording("en-GB");
    static final String OWN_WORDS = "We heard you: **more** time to talk, <b>now</b>";

    @Test
    void whereCardsRenderTheWordsComeFirstAndTheCardsStackUnderThem() {
        Activity message = turn("msteams").reply().say("greeting.reply").show(plainCard()).show(quotingCard()).activity();

        assertThat(message.getText()).isEqualTo(WORDING.text("greeting.reply"));
        assertThat(message.getAttachments()).hasSize(2);
        assertThat(message.getAttachmentLayout()).isNotEqualTo(AttachmentLayoutTypes.CAROUSEL);
    }

    @Test
    void whereCardsDoNotRenderItIsOneTextAndPlainWhenACardQuotesSomeone() {
        Activity quoting = turn("slack").reply().say("greeting.reply").show(plainCard()).show(quotingCard()).activity();
        Activity plain = turn("slack").reply().say("greeting.reply").show(plainCard()).activity();

        assertThat(quoting.getAttachments()).isNullOrEmpty();
        assertThat(quoting.getText()).startsWith(WORDING.text("greeting.reply")).contains(OWN_WORDS);
        assertThat(quoting.getText().indexOf(WORDING.text("privacy.title")))
                .isLessThan(quoting.getText().indexOf(OWN_WORDS));
        assertThat(quoting.getTextFormat()).isEqualTo(TextFormatTypes.PLAIN);
        assertThat(plain.getTextFormat()).isNotEqualTo(TextFormatTypes.PLAIN);
    }

    @Test
    void wordsAfterACardAreRefusedSinceTeamsWouldShowThemAbove() {
        assertThatThrownBy(() -> turn("msteams").reply().show(plainCard()).say("greeting.reply"))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Card plainCard() {
        return Card.builder().heading(WORDING.text("privacy.title")).build();
    }

    private static Card quotingCard() {
        return Card.builder().heading(WORDING.text("privacy.title")).verbatim(OWN_WORDS).build();
    }

    private static Turn turn(String channel) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setChannelId(channel);
        activity.setConversation(new ConversationAccount("a:reply-tests"));
        activity.setFrom(new ChannelAccount("29:reply-tests", "Someone"));
        activity.setRecipient(new ChannelAccount("bot", "Signpost"));
        return Turn.of(new TurnContextImpl(new TestAdapter(), activity), WORDING, new Menu(List.of()), Senders.trial(),
                Roles.none());
    }
}
