package org.signpost.dialogs.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A fake of the port for transcripts; the Redis adapter has its own contract test. */
public final class InMemoryConversationActivity implements ConversationActivity {

    private final Map<String, Instant> lastActive = new HashMap<>();

    @Override
    public synchronized boolean markActive(String conversationKey, Instant now, Duration idleGap) {
        Instant previous = lastActive.put(conversationKey, now);
        return previous == null || !previous.plus(idleGap).isAfter(now);
    }

    @Override
    public synchronized void forget(String conversationKey) {
        lastActive.remove(conversationKey);
    }
}
