package org.signpost.dialogs.references;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.util.concurrent.CompletableFuture;

/** Port: sends a message into a conversation outside the current turn. */
public interface ProactiveMessages {

    /** Completes with whether the message was delivered. */
    CompletableFuture<Boolean> send(ConversationReference conversation, Activity message);
}
