package org.signpost.dialogs.references;

import com.microsoft.bot.schema.ConversationReference;
import java.util.Optional;
import org.signpost.dialogs.broadcast.Forgetting;
import org.signpost.dialogs.broadcast.Recipients;

/**
 * Port: the conversations announcements can reach, by the keyed one-way names the delivery queue holds
 * instead of ids: everyone's personal chat (a page at a time), a named conversation's reference when its
 * message is due, and forgetting one that Teams says is gone.
 */
public interface Reach extends Recipients, Forgetting {

    Optional<ConversationReference> reference(String tenant, String name);

    /** The name the queue knows a conversation by. */
    String nameOf(String channelId, String conversationId);
}
