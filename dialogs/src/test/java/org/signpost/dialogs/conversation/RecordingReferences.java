package org.signpost.dialogs.conversation;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;

/** A fake of the ports for transcripts; the Redis adapter has its own contract test. */
public final class RecordingReferences implements ConversationReferences, ProactiveMessages {

    /** Proactive messages sent, by conversation id. */
    final Map<String, List<Activity>> proactive = new HashMap<>();

    @Override
    public CompletableFuture<Boolean> send(ConversationReference conversation, Activity message) {
        proactive.computeIfAbsent(conversation.getConversation().getId(), id -> new ArrayList<>()).add(message);
        return CompletableFuture.completedFuture(true);
    }


    final Map<String, ConversationReference> byConversation = new HashMap<>();

    @Override
    public void remember(ConversationReference reference) {
        byConversation.put(reference.getChannelId() + "/" + reference.getConversation().getId(), reference);
    }

    @Override
    public void forget(String channelId, String conversationId) {
        byConversation.remove(channelId + "/" + conversationId);
    }

    @Override
    public Optional<ConversationReference> personalChatWith(String channelId, String userId) {
        return byConversation.values().stream().filter(r -> r.getChannelId().equals(channelId))
                .filter(r -> r.getUser() != null && r.getUser().getId().equals(userId))
                .filter(r -> !Boolean.TRUE.equals(r.getConversation().isGroup())).findFirst();
    }
}
