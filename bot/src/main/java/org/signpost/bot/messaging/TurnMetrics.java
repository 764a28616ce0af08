package org.signpost.bot.messaging;

import com.microsoft.bot.builder.Middleware;
import com.microsoft.bot.builder.NextDelegate;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.ActivityTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts and times every turn, tagged only with values from fixed lists: the activity type (anything
 * unexpected is "other", since the sender chooses it) and whether the turn completed. Never an id, a
 * name, a locale or any text.
 */
final class TurnMetrics implements Middleware {

    static final String TURNS = "signpost.turns";

    private static final Set<String> KNOWN_TYPES = Set.of(ActivityTypes.MESSAGE, ActivityTypes.CONVERSATION_UPDATE,
            ActivityTypes.INSTALLATION_UPDATE, ActivityTypes.INVOKE, ActivityTypes.EVENT, ActivityTypes.TYPING,
            ActivityTypes.MESSAGE_REACTION, ActivityTypes.MESSAGE_UPDATE, ActivityTypes.MESSAGE_DELETE,
            ActivityTypes.END_OF_CONVERSATION);

    private final MeterRegistry registry;
    /** Each timer found once (a builder and a registry lookup per turn before), by type, for each outcome. */
    private final Map<String, Timer> completed = new ConcurrentHashMap<>();
    private final Map<String, Timer> failed = new ConcurrentHashMap<>();

    TurnMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletableFuture<Void> onTurn(TurnContext turn, NextDelegate next) {
        String type = KNOWN_TYPES.contains(turn.getActivity().getType()) ? turn.getActivity().getType() : "other";
        Timer.Sample started = Timer.start(registry);
        CompletableFuture<Void> done;
        try {
            done = next.next();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.whenComplete((ok, error) -> started.stop(error == null
                ? completed.computeIfAbsent(type, known -> timer(known, "completed"))
                : failed.computeIfAbsent(type, known -> timer(known, "failed"))));
    }

    private Timer timer(String type, String outcome) {
        return Timer.builder(TURNS)
                .description("Bot Framework turns: activity type, and whether the turn completed or failed")
                .tag("type", type)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
