package org.signpost.dialogs.chat;

import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;
import org.signpost.dialogs.support.SupportCapability;
import org.signpost.dialogs.support.SupportCard;
import org.signpost.dialogs.understanding.CrisisDetector;
import org.signpost.dialogs.understanding.Intent;
import org.signpost.dialogs.understanding.IntentRecognizer;

/**
 * The bot: every personal conversation starts with where to get support, then the person picks a
 * capability from the menu or says what they want. Group chats and channels only get a pointer to the
 * personal chat.
 */
public final class SignpostBot implements Bot {

    private static final Set<String> GROUP_CONVERSATION_TYPES = Set.of("groupChat", "channel");
    /** The crisis category of worry about someone else (nlp/crisis-scope.yaml). */
    static final String SOMEONE_ELSE = "someone-else";
    private static final Pattern MENTION = Pattern.compile("<at>.*?</at>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** How long a conversation may be idle before its next reply signposts support again. */
    public record Settings(Duration idleGap) {
        public Settings {
            if (idleGap == null || idleGap.isNegative() || idleGap.isZero()) {
                throw new IllegalArgumentException("The idle gap must be positive");
            }
        }
    }

    private final Settings settings;
    private final Messages messages;
    private final SupportCapability support;
    private final SupportCard supportCard;
    private final CrisisDetector crisisDetector;
    private final Map<String, Capability> capabilities;
    private final Menu menu;
    private final IntentRecognizer recognizer;
    private final ConversationActivity activity;
    private final ConversationReferences references;
    private final ProactiveMessages proactive;
    private final Clock clock;

    public SignpostBot(Settings settings, Messages messages, SupportCard supportCard, List<Capability> others,
            IntentRecognizer recognizer, CrisisDetector crisisDetector, ConversationActivity activity,
            ConversationReferences references, ProactiveMessages proactive, Clock clock) {
        this.settings = settings;
        this.messages = messages;
        this.supportCard = supportCard;
        this.support = new SupportCapability(supportCard);
        this.crisisDetector = crisisDetector;
        List<Capability> all = new ArrayList<>();
        all.add(support);
        all.addAll(others);
        this.capabilities = all.stream().collect(Collectors.toMap(Capability::id, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("Two capabilities with the id " + a.id());
                }, LinkedHashMap::new));
        this.menu = new Menu(all);
        messages.require(supportCard.wordingKeys(), "the support directory (" + supportCard.source() + ")");
        messages.require(menu.wordingKeys(), "the menu");
        this.recognizer = recognizer;
        this.activity = activity;
        this.references = references;
        this.proactive = proactive;
        this.clock = clock;
    }

    /** The capabilities people can ask for, by id (what intent training data may name). */
    public Set<String> capabilityIds() {
        return capabilities.keySet();
    }

    @Override
    public CompletableFuture<Void> onTurn(TurnContext context) {
        // a port failing synchronously (Redis down) must still reach the adapter's turn-error handler
        return CompletableFuture.completedFuture(context).thenCompose(this::dispatch);
    }

    private CompletableFuture<Void> dispatch(TurnContext context) {
        Activity incoming = context.getActivity();
        String type = incoming.getType() == null ? "" : incoming.getType();
        return switch (type) {
            case ActivityTypes.MESSAGE -> isPersonal(incoming) ? onPersonalMessage(context) : onGroupMessage(context);
            case ActivityTypes.INSTALLATION_UPDATE -> onInstallationUpdate(context);
            case ActivityTypes.CONVERSATION_UPDATE -> onConversationUpdate(context);
            default -> CompletableFuture.completedFuture(null);
        };
    }

    private CompletableFuture<Void> onPersonalMessage(TurnContext context) {
        Turn turn = newTurn(context);
        boolean starting = startsConversation(context);
        Optional<String> crisisCategory = crisisCategory(context);
        boolean crisis = crisisCategory.isPresent();
        // typed words in crisis are never routed as a request (they could read as "cancel"); a card's
        // submitted answer still is, so the survey carries on where it was
        Optional<Capability> chosen = crisis && context.getActivity().getValue() == null
                ? Optional.empty()
                : chosenCapability(turn);
        CompletableFuture<Void> first;
        if (crisis) {
            // the urgent card comes before anything else, and also serves as this turn's support card
            turn.markSupportShown();
            first = turn.send(supportCard.renderUrgent(turn, crisisCategory.get()));
        } else {
            first = starting ? support.showCard(turn) : CompletableFuture.completedFuture(null);
        }
        return first.thenCompose(shown -> {
            if (chosen.isPresent()) {
                return chosen.get().handle(turn);
            }
            if (crisis) {
                return CompletableFuture.completedFuture(null);
            }
            // a first message we cannot place is answered by the support card and the menu alone
            return starting ? turn.showMenu() : turn.say("notUnderstood").thenCompose(said -> turn.showMenu());
        });
    }

    /**
     * Text without its @mentions: in groups the bot only hears messages that mention it, and other
     * people's names are no part of what is being said.
     */
    static String withoutMentions(String text) {
        return MENTION.matcher(text).replaceAll(" ").strip();
    }

    private boolean inCrisis(TurnContext context) {
        return crisisCategory(context).isPresent();
    }

    /**
     * What kind of crisis what the person wrote reads like, if any: the typed text and a card's free-text
     * input, never the ids and option codes a card sends back ("no", "other-area"). Worry about someone else
     * gives way to a crisis of the person's own.
     */
    private Optional<String> crisisCategory(TurnContext context) {
        Activity incoming = context.getActivity();
        List<String> written = new ArrayList<>();
        if (incoming.getText() != null) {
            written.add(withoutMentions(incoming.getText()));
        }
        newTurn(context).submitted(AdaptiveCard.FREE_TEXT_KEY).ifPresent(written::add);
        Locale locale = wording(context).locale();
        List<String> found = written.stream().map(text -> crisisDetector.category(text, locale))
                .flatMap(Optional::stream).toList();
        return found.stream().filter(category -> !category.equals(SOMEONE_ELSE)).findFirst()
                .or(() -> found.stream().findFirst());
    }

    private CompletableFuture<Void> onGroupMessage(TurnContext context) {
        // The bot only hears @mentions here; whatever was said, it never answers in front of the group, and
        // the group sees exactly the same pointer whether or not the words read like a crisis.
        CompletableFuture<Boolean> urgent = inCrisis(context) ? sendUrgentCardToPersonalChat(context)
                : CompletableFuture.completedFuture(false);
        String pointer = wording(context).text("group.pointer");
        return context.sendActivity(MessageFactory.text(pointer)).thenCombine(urgent, (sent, delivered) -> null);
    }

    /** The urgent card goes to the person's personal chat, where the bot can reach them. */
    private CompletableFuture<Boolean> sendUrgentCardToPersonalChat(TurnContext context) {
        Activity incoming = context.getActivity();
        Optional<ConversationReference> personal = incoming.getFrom() == null ? Optional.empty()
                : references.personalChatWith(incoming.getChannelId(), incoming.getFrom().getId());
        if (personal.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return proactive.send(personal.get(), supportCard.renderUrgent(newTurn(context))).exceptionally(failed -> false);
    }

    private CompletableFuture<Void> onInstallationUpdate(TurnContext context) {
        String action = Optional.ofNullable(context.getActivity().getAction()).orElse("");
        if (action.startsWith("remove")) {
            return forget(context);
        }
        return action.startsWith("add") ? onInstalled(context) : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> onConversationUpdate(TurnContext context) {
        Activity incoming = context.getActivity();
        if (includesBot(incoming.getMembersRemoved(), incoming)) {
            return forget(context);
        }
        List<ChannelAccount> added = incoming.getMembersAdded();
        return added == null || added.isEmpty() ? CompletableFuture.completedFuture(null) : onInstalled(context);
    }

    private CompletableFuture<Void> onInstalled(TurnContext context) {
        references.remember(context.getActivity().getConversationReference());
        if (!isPersonal(context.getActivity()) || !startsConversation(context)) {
            return CompletableFuture.completedFuture(null);
        }
        Turn turn = newTurn(context);
        return support.showCard(turn).thenCompose(shown -> turn.showMenu());
    }

    private CompletableFuture<Void> forget(TurnContext context) {
        Activity incoming = context.getActivity();
        references.forget(incoming.getChannelId(), incoming.getConversation().getId());
        return CompletableFuture.completedFuture(null);
    }

    private boolean startsConversation(TurnContext context) {
        return activity.markActive(Turn.conversationKey(context.getActivity()), clock.instant(), settings.idleGap());
    }

    private Optional<Capability> chosenCapability(Turn turn) {
        // a button's action comes from the card's submit data, never from chat text
        Optional<String> submitted = turn.submitted(AdaptiveCard.ACTION_KEY);
        if (submitted.isPresent()) {
            return Optional.ofNullable(capabilities.get(submitted.get())).filter(c -> c.availableTo(turn));
        }
        if (turn.context().getActivity().getValue() != null) {
            return Optional.empty();
        }
        return recognizer.recognize(turn.context().getActivity().getText(), turn.wording().locale())
                .map(Intent::id).map(capabilities::get).filter(c -> c.availableTo(turn));
    }

    private Turn newTurn(TurnContext context) {
        return new Turn(context, wording(context), menu);
    }

    private Wording wording(TurnContext context) {
        return messages.wording(context.getActivity().getLocale());
    }

    /** A one-to-one chat: Teams says "personal"; Web Chat and the Emulator leave the type out. */
    static boolean isPersonal(Activity incoming) {
        ConversationAccount conversation = incoming.getConversation();
        return conversation != null && !Boolean.TRUE.equals(conversation.isGroup())
                && !GROUP_CONVERSATION_TYPES.contains(String.valueOf(conversation.getConversationType()));
    }

    private static boolean includesBot(List<ChannelAccount> members, Activity incoming) {
        return members != null && incoming.getRecipient() != null
                && members.stream().anyMatch(m -> incoming.getRecipient().getId().equals(m.getId()));
    }
}
