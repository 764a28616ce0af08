package org.signpost.dialogs.references;

import com.microsoft.bot.schema.ConversationReference;
import java.util.Optional;

/**
 * Port: the references needed to message a conversation later (announcements, reminders), kept from
 * the first install until the app is removed. They identify a chat, so they never sit beside survey data.
 */
public interface ConversationReferences {

    void remember(ConversationReference reference);

    void forget(String channelId, String conversationId);

    /**
     * The bot was added to a team: kept so that its members can later be reached in personal chats (a
     * roster pass, when an announcement goes to everyone). Only the team's id and where to call.
     */
    default void rememberTeam(ConversationReference team, String teamId) {
    }

    /** The bot was removed from a team: its members are no longer reached through it. */
    default void forgetTeam(ConversationReference team, String teamId) {
    }

    /** The personal chat the bot has with this person, if it was installed there. */
    Optional<ConversationReference> personalChatWith(String channelId, String userId);
}
