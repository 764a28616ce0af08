package org.signpost.bot.messaging;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.references.ProactiveMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages outside a turn, through the adapter (and so through its service-URL policy and credentials). */
final class AdapterProactiveMessages implements ProactiveMessages {

    private static final Logger log = LoggerFactory.getLogger(AdapterProactiveMessages.class);

    private final SignpostAdapter adapter;
    private final String appId;

    AdapterProactiveMessages(SignpostAdapter adapter, String appId) {
        this.adapter = adapter;
        this.appId = appId;
    }

    @Override
    public CompletableFuture<Boolean> send(ConversationReference conversation, Activity message) {
        return adapter.continueConversation(appId, conversation,
                        turn -> turn.sendActivity(message).thenApply(sent -> null))
                .thenApply(done -> true)
                .exceptionally(failed -> {
                    log.warn("A proactive message could not be delivered: {}", SafeErrors.describe(failed));
                    return false;
                });
    }
}
