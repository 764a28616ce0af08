package org.signpost.dialogs.chat;

import com.microsoft.bot.schema.ConversationReference;
import java.util.HashMap;
import java.util.Map;
import org.signpost.dialogs.references.ConversationReferences;

/** A fake of the port for transcripts; the Redis adapter has its own contract test. */
public final class RecordingReferences implements ConversationReferences {

    final Map<String, ConversationReference> byConversation = new HashMap<>();

    @Override
    public void remember(ConversationReference reference) {
        byConversation.put(reference.getChannelId() + "/" + reference.getConversation().getId(), reference);
    }

    @Override
    public void forget(String channelId, String conversationId) {
        byConversation.remove(channelId + "/" + conversationId);
    }
}
