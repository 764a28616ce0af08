package org.signpost.dialogs.chat;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.content.Wording;

/** One turn of a personal conversation, as the capabilities see it. */
public final class Turn {

    /** Channels that render Adaptive Cards; anywhere else gets plain text. */
    private static final Set<String> CARD_CHANNELS = Set.of("msteams", "webchat", "emulator", "directline");

    private final TurnContext context;
    private final Wording wording;
    private final Menu menu;
    private boolean supportShown;

    Turn(TurnContext context, Wording wording, Menu menu) {
        this.context = context;
        this.wording = wording;
        this.menu = menu;
    }

    public TurnContext context() {
        return context;
    }

    public Wording wording() {
        return wording;
    }

    public boolean cardsSupported() {
        return CARD_CHANNELS.contains(context.getActivity().getChannelId());
    }

    public Activity cardOrText(AdaptiveCard card, String plainText) {
        return cardsSupported() ? MessageFactory.attachment(card.attachment()) : MessageFactory.text(plainText);
    }

    public CompletableFuture<Void> send(Activity... activities) {
        return context.sendActivities(List.of(activities)).thenApply(sent -> null);
    }

    public CompletableFuture<Void> say(String wordingKey) {
        return send(MessageFactory.text(wording.text(wordingKey)));
    }

    public CompletableFuture<Void> showMenu() {
        return send(menu.render(this));
    }

    /** The conversation, as ports key it: channel and conversation id. */
    public String conversationKey() {
        return conversationKey(context.getActivity());
    }

    static String conversationKey(Activity activity) {
        return activity.getChannelId() + "/" + activity.getConversation().getId();
    }

    /** A text value of the Action.Submit data (and card inputs) this message carries, if any. */
    public Optional<String> submitted(String key) {
        Object value = context.getActivity().getValue();
        Object field = null;
        if (value instanceof Map<?, ?> map) {
            field = map.get(key);
        } else if (value instanceof JsonNode node && node.path(key).isTextual()) {
            field = node.get(key).asText();
        }
        return field instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** Whether the support card was already shown in this turn, so it is never shown twice in a row. */
    public boolean supportShown() {
        return supportShown;
    }

    public void markSupportShown() {
        supportShown = true;
    }
}
