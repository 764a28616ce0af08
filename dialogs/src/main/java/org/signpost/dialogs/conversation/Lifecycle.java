package org.signpost.dialogs.conversation;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.teams.TeamInfo;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.references.ConversationReferences;

/**
 * Install and uninstall: the conversation reference is kept from the first install until removal, and a
 * personal chat that starts with an install is signposted there and then.
 */
final class Lifecycle {

    private final ConversationReferences references;
    private final FirstContact firstContact;
    private final FlowEngine flows;
    private final SupportSignpost support;

    Lifecycle(ConversationReferences references, FirstContact firstContact, FlowEngine flows, SupportSignpost support) {
        this.references = references;
        this.firstContact = firstContact;
        this.flows = flows;
        this.support = support;
    }

    CompletableFuture<Void> onInstallationUpdate(Turn turn) {
        String action = Optional.ofNullable(turn.context().getActivity().getAction()).orElse("");
        if (action.startsWith("remove")) {
            teamOf(turn.context().getActivity()).ifPresent(team -> references.forgetTeam(
                    turn.context().getActivity().getConversationReference(), team));
            return forget(turn.context().getActivity());
        }
        return action.startsWith("add") ? onInstalled(turn) : CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> onConversationUpdate(Turn turn) {
        Activity incoming = turn.context().getActivity();
        if (includesBot(incoming.getMembersRemoved(), incoming)) {
            teamOf(incoming).ifPresent(team -> references.forgetTeam(incoming.getConversationReference(), team));
            return forget(incoming);
        }
        List<ChannelAccount> added = incoming.getMembersAdded();
        return added == null || added.isEmpty() ? CompletableFuture.completedFuture(null) : onInstalled(turn);
    }

    private CompletableFuture<Void> onInstalled(Turn turn) {
        Activity incoming = turn.context().getActivity();
        references.remember(incoming.getConversationReference());
        if (includesBot(incoming.getMembersAdded(), incoming) || incoming.getMembersAdded() == null) {
            teamOf(incoming).ifPresent(team -> references.rememberTeam(incoming.getConversationReference(), team));
        }
        // first contact, with what the flows have open for the menu that follows, in one go
        if (!SignpostBot.isPersonal(incoming) || !flows.withOpenInstances(turn, firstContact.starting(incoming))) {
            return CompletableFuture.completedFuture(null);
        }
        return turn.reply().show(support.card(turn)).menu().send();
    }

    private CompletableFuture<Void> forget(Activity incoming) {
        references.forget(incoming.getChannelId(), incoming.getConversation().getId());
        firstContact.forget(incoming);
        return CompletableFuture.completedFuture(null);
    }

    /** The team a conversation belongs to, when Teams says (a channel's, or the team's install). */
    private static Optional<String> teamOf(Activity incoming) {
        return Optional.ofNullable(incoming.teamsGetChannelData()).map(TeamsChannelData::getTeam).map(TeamInfo::getId)
                .filter(id -> !id.isBlank());
    }

    private static boolean includesBot(List<ChannelAccount> members, Activity incoming) {
        return members != null && incoming.getRecipient() != null
                && members.stream().anyMatch(m -> incoming.getRecipient().getId().equals(m.getId()));
    }
}
