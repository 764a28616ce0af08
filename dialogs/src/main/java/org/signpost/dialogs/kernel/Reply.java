package org.signpost.dialogs.kernel;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.TextFormatTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One message of a turn, built in reading order: the words on top, then cards stacked below them (the
 * menu last, when asked for). Each message is a call to the connector that the turn waits for, so a reply
 * is one message, not a text and then a card. Teams shows a message's text above its cards, so words can
 * only come first. Where cards do not render, the message is one text: the words, then each card's
 * plain-text twin (all plain, not markdown, when a card quotes someone's words).
 */
public final class Reply {

    private final Turn turn;
    private String words;
    private final List<Card> cards = new ArrayList<>();

    Reply(Turn turn) {
        this.turn = turn;
    }

    public Reply say(String wordingKey) {
        return say(wordingKey, Map.of());
    }

    public Reply say(String wordingKey, Map<String, String> values) {
        if (words != null || !cards.isEmpty()) {
            // Teams would show later words above the cards: a reply never reorders what it was given
            throw new IllegalStateException("A reply's words come first, and once");
        }
        words = turn.wording().text(wordingKey, values);
        return this;
    }

    public Reply show(Card card) {
        cards.add(card);
        return this;
    }

    public Reply show(List<Card> shown) {
        cards.addAll(shown);
        return this;
    }

    /** The menu, as this person may use it now. */
    public Reply menu() {
        return show(turn.menu());
    }

    /** Sends it as one message; an empty reply sends nothing. */
    public CompletableFuture<Void> send() {
        if (words == null && cards.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return turn.send(activity());
    }

    Activity activity() {
        if (turn.cardsSupported()) {
            if (cards.isEmpty()) {
                return MessageFactory.text(words);
            }
            // one Adaptive Card under the other (a list; a carousel would hide the menu to the side)
            List<Attachment> attachments = cards.stream().map(AdaptiveCardRenderer::attachment).toList();
            return MessageFactory.attachment(attachments, words, null, null);
        }
        List<String> parts = new ArrayList<>();
        if (words != null) {
            parts.add(words);
        }
        cards.stream().map(PlainTextRenderer::text).forEach(parts::add);
        Activity text = MessageFactory.text(String.join("\n\n", parts));
        if (cards.stream().flatMap(card -> card.body().stream()).anyMatch(Card.Verbatim.class::isInstance)) {
            text.setTextFormat(TextFormatTypes.PLAIN);
        }
        return text;
    }
}
