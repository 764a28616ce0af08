package org.signpost.dialogs.flow;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A fake of the port for transcripts; the Redis adapter has its own test against real Redis. */
public final class InMemoryActiveFlows implements ActiveFlows {

    public final Map<String, Active> byConversation = new HashMap<>();

    @Override
    public synchronized Optional<Active> get(String conversationKey) {
        return Optional.ofNullable(byConversation.get(conversationKey));
    }

    @Override
    public synchronized void set(String conversationKey, Active active, Duration ttl) {
        byConversation.put(conversationKey, active);
    }

    @Override
    public synchronized void clear(String conversationKey) {
        byConversation.remove(conversationKey);
    }
}
