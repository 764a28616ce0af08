package org.signpost.dialogs.references;

import com.microsoft.bot.schema.ConversationReference;

/**
 * Port: the references needed to message a conversation later (announcements, reminders), kept from
 * the first install until the app is removed. They identify a chat, so they never sit beside survey data.
 */
public interface ConversationReferences {

    void remember(ConversationReference reference);

    void forget(String channelId, String conversationId);
}
