package org.signpost.bot.messaging;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.references.ProactiveMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages outside a turn, through the adapter (and so through its service-URL policy and credentials). */
final class AdapterProactiveMessages implements ProactiveMessages {

    private static final Logger log = LoggerFactory.getLogger(AdapterProactiveMessages.class);

    static final String SENT = "signpost.proactive.messages";

    private final SignpostAdapter adapter;
    private final String appId;
    private final Counter delivered;
    private final Counter failed;

    AdapterProactiveMessages(SignpostAdapter adapter, String appId, MeterRegistry registry) {
        this.adapter = adapter;
        this.appId = appId;
        this.delivered = Counter.builder(SENT).description("Messages sent outside a turn, by outcome")
                .tag("outcome", "delivered").register(registry);
        this.failed = Counter.builder(SENT).description("Messages sent outside a turn, by outcome")
                .tag("outcome", "failed").register(registry);
    }

    @Override
    public CompletableFuture<Boolean> send(ConversationReference conversation, Activity message) {
        return adapter.continueConversation(appId, conversation,
                        turn -> turn.sendActivity(message).thenApply(sent -> null))
                .thenApply(done -> {
                    delivered.increment();
                    return true;
                })
                .exceptionally(error -> {
                    failed.increment();
                    log.warn("A proactive message could not be delivered: {}", SafeErrors.describe(error));
                    return false;
                });
    }
}
