package org.signpost.dialogs.conversation;

import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ConversationAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Menu;
import org.signpost.dialogs.kernel.Roles;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;
import org.signpost.dialogs.understanding.CrisisDetector;
import org.signpost.dialogs.understanding.IntentRecognizer;

/**
 * The bot, as a dispatcher by activity type: personal messages to the {@link TurnRouter}, group messages to
 * {@link GroupChat}, install and uninstall to {@link Lifecycle}. Every personal conversation starts with
 * where to get support ({@link FirstContact}), or the urgent card ({@link CrisisResponse}).
 */
public final class SignpostBot implements Bot {

    private static final Set<String> GROUP_CONVERSATION_TYPES = Set.of("groupChat", "channel");

    /** How long a conversation may be idle before its next reply signposts support again. */
    public record Settings(Duration idleGap) {
        public Settings {
            if (idleGap == null || idleGap.isNegative() || idleGap.isZero()) {
                throw new IllegalArgumentException("The idle gap must be positive");
            }
        }
    }

    /** The ports the conversation needs, beyond its capabilities. */
    public record Ports(IntentRecognizer intents, CrisisDetector crisis, ConversationActivity activity,
            ConversationReferences references, ProactiveMessages proactive, Clock clock) {
    }

    private final Messages messages;
    private final Menu menu;
    private final Senders senders;
    private final Roles roles;
    private final TurnRouter router;
    private final GroupChat groupChat;
    private final Lifecycle lifecycle;

    /**
     * @param support      the signposting shown first (the support feature; also among the capabilities)
     * @param capabilities everything a person can ask for, flows included
     */
    public SignpostBot(Settings settings, Messages messages, SupportSignpost support, List<Capability> capabilities,
            FlowEngine flows, Senders senders, Roles roles, Ports ports) {
        this.messages = messages;
        this.menu = new Menu(capabilities);
        messages.require(menu.wordingKeys(), "the menu");
        messages.require(flows.wordingKeys(), "the flows");
        this.senders = senders;
        this.roles = roles;
        FirstContact firstContact = new FirstContact(ports.activity(), settings.idleGap(), ports.clock());
        CrisisResponse crisis = new CrisisResponse(ports.crisis(), support, ports.references(), ports.proactive());
        this.router = new TurnRouter(capabilities, support, flows, ports.intents(), crisis, firstContact);
        this.groupChat = new GroupChat(crisis);
        this.lifecycle = new Lifecycle(ports.references(), firstContact, flows, support);
    }

    /** The capabilities people can ask for, by id (what intent training data may name). */
    public Set<String> capabilityIds() {
        return router.capabilityIds();
    }

    @Override
    public CompletableFuture<Void> onTurn(TurnContext context) {
        // a port failing synchronously (Redis down) must still reach the adapter's turn-error handler
        return CompletableFuture.completedFuture(context).thenCompose(this::dispatch);
    }

    private CompletableFuture<Void> dispatch(TurnContext context) {
        Activity incoming = context.getActivity();
        String type = incoming.getType() == null ? "" : incoming.getType();
        Turn turn = Turn.of(context, messages.wording(incoming.getLocale()), menu, senders, roles);
        return switch (type) {
            case ActivityTypes.MESSAGE -> isPersonal(incoming) ? router.onMessage(turn) : groupChat.onMessage(turn);
            case ActivityTypes.INSTALLATION_UPDATE -> lifecycle.onInstallationUpdate(turn);
            case ActivityTypes.CONVERSATION_UPDATE -> lifecycle.onConversationUpdate(turn);
            default -> CompletableFuture.completedFuture(null);
        };
    }

    /** A one-to-one chat: Teams says "personal"; Web Chat and the Emulator leave the type out. */
    static boolean isPersonal(Activity incoming) {
        ConversationAccount conversation = incoming.getConversation();
        return conversation != null && !Boolean.TRUE.equals(conversation.isGroup())
                && !GROUP_CONVERSATION_TYPES.contains(String.valueOf(conversation.getConversationType()));
    }
}
