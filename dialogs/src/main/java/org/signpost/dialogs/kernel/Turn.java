package org.signpost.dialogs.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.signpost.dialogs.content.Wording;

/** One turn of a personal conversation, as the capabilities see it. */
public final class Turn {

    /** Channels that render Adaptive Cards; anywhere else gets plain text. */
    private static final Set<String> CARD_CHANNELS = Set.of("msteams", "webchat", "emulator", "directline");

    private final TurnContext context;
    private final Wording wording;
    private final Menu menu;
    private final Senders senders;
    private final Roles roles;
    private Set<Role> personRoles;
    private boolean supportShown;
    private final Map<String, Object> readThisTurn = new HashMap<>();
    private final Map<String, Object> readAhead = new HashMap<>();

    private Turn(TurnContext context, Wording wording, Menu menu, Senders senders, Roles roles) {
        this.context = context;
        this.wording = wording;
        this.menu = menu;
        this.senders = senders;
        this.roles = roles;
    }

    public static Turn of(TurnContext context, Wording wording, Menu menu, Senders senders, Roles roles) {
        return new Turn(context, wording, menu, senders, roles);
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

    /** Who is speaking, as far as the channel vouches for it. */
    public Senders.Verdict sender() {
        return senders.of(context.getActivity());
    }

    /**
     * The roles configuration grants the sender: only a sender the channel vouches for (a Web Chat client
     * chooses its own object id), or anyone named in a local trial.
     */
    public Set<Role> roles() {
        if (personRoles == null) {
            personRoles = sender().sender().map(Senders.Sender::id).map(roles::of).orElse(Set.of());
        }
        return personRoles;
    }

    /** The card where cards render, else its plain-text twin (plain, not markdown, if it quotes someone's words). */
    public Activity activity(Card card) {
        return reply().show(card).activity();
    }

    /** A reply to build from words and cards, sent as one message. */
    public Reply reply() {
        return new Reply(this);
    }

    public CompletableFuture<Void> send(Card card) {
        return reply().show(card).send();
    }

    CompletableFuture<Void> send(Activity activity) {
        return context.sendActivity(activity).thenApply(sent -> null);
    }

    public CompletableFuture<Void> say(String wordingKey) {
        return reply().say(wordingKey).send();
    }

    public CompletableFuture<Void> say(String wordingKey, Map<String, String> values) {
        return reply().say(wordingKey, values).send();
    }

    /** Says it, with the menu under it: one message. */
    public CompletableFuture<Void> sayThenMenu(String wordingKey) {
        return reply().say(wordingKey).menu().send();
    }

    public CompletableFuture<Void> showMenu() {
        return reply().menu().send();
    }

    Card menu() {
        return menu.render(this);
    }

    /**
     * Adds to the batch what this turn's menu would ask of the store and is not known yet, so that a reply with reads
     * of its own makes them together; what keeps them for the turn, to run once the batch is made.
     */
    public Runnable addMenuReads(Together.Batch batch) {
        return menu.addReads(this, batch);
    }

    /** The conversation, as ports key it: channel and conversation id. */
    public String conversationKey() {
        return conversationKey(context.getActivity());
    }

    public static String conversationKey(Activity activity) {
        return activity.getChannelId() + "/" + activity.getConversation().getId();
    }

    /** The tenant this turn's conversation names, or "" (a local trial has none). */
    public String tenant() {
        String tenant = context.getActivity().getConversation().getTenantId();
        return tenant == null ? "" : tenant;
    }

    /**
     * Who the activity says is speaking: its channel, the sender's id and display name, as sent (any may be
     * null). Whether the channel vouches for them is {@link #sender()}.
     */
    public From from() {
        Activity activity = context.getActivity();
        ChannelAccount from = activity.getFrom();
        return new From(activity.getChannelId(), from == null ? null : from.getId(), from == null ? null : from.getName());
    }

    public record From(String channel, String id, String name) {
    }

    /** What the person typed into the chat ("" when nothing was). */
    public String typed() {
        return Optional.ofNullable(context.getActivity().getText()).orElse("");
    }

    /** Whether this message came from a card's button (its data), rather than typed into the chat. */
    public boolean fromCard() {
        return context.getActivity().getValue() != null;
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

    /**
     * What {@code read} returns, read at most once in this turn: a turn asks the same thing several times
     * (is a survey open, for the typed-text check, the click and the menu), and each ask would be a round
     * trip. Never kept beyond the turn, so a change HR makes is seen by the very next turn on any instance.
     */
    @SuppressWarnings("unchecked")
    public <T> T once(String what, Supplier<T> read) {
        synchronized (readThisTurn) {
            if (readThisTurn.containsKey(what)) {
                return (T) readThisTurn.get(what);
            }
        }
        T value = read.get();
        synchronized (readThisTurn) {
            readThisTurn.put(what, value);
        }
        return value;
    }

    /** Keeps what the turn read ahead, with its first reads, for the one later step that needs it. */
    public void putAhead(String what, Object value) {
        synchronized (readAhead) {
            readAhead.put(what, value);
        }
    }

    /**
     * What was read ahead for this step, at most once: a second ask (after a write, say) finds nothing and
     * goes to the store, since what was read may have changed.
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> takeAhead(String what) {
        synchronized (readAhead) {
            return Optional.ofNullable((T) readAhead.remove(what));
        }
    }

    /** Whether the support card was already shown in this turn, so it is never shown twice in a row. */
    public boolean supportShown() {
        return supportShown;
    }

    public void markSupportShown() {
        supportShown = true;
    }
}
