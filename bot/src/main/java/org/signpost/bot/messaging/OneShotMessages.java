package org.signpost.bot.messaging;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Messages outside a turn posted once, through the adapter (its service-URL policy and credentials) and
 * the shared client, but with no retry of the client's own: a broadcast schedules its attempts itself,
 * each counted against the tenant's rate. A refusal comes back as the connector's status.
 */
public final class OneShotMessages {

    private final SignpostAdapter adapter;
    private final String appId;

    OneShotMessages(SignpostAdapter adapter, String appId) {
        this.adapter = adapter;
        this.appId = appId;
    }

    /** Posts on this thread; throws what the connector or the policy refused. */
    public void send(ConversationReference conversation, Activity message) throws IOException {
        try {
            adapter.continueConversation(appId, conversation, turn -> {
                turn.getTurnState().add(SignpostAdapter.SEND_ONCE, Boolean.TRUE);
                return turn.sendActivity(message).thenApply(sent -> null);
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while sending", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("Not sent", cause);
        }
    }
}
