package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.builder.BotAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResourceResponse;
import java.util.List;
import com.microsoft.bot.schema.Activity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every turn is counted under its type (a made-up one as "other") and outcome, however many turns there are. */
class TurnMetricsTests {

    /** The turns here send nothing. */
    private static final BotAdapter NO_SENDS = new BotAdapter() {
        @Override
        public CompletableFuture<ResourceResponse[]> sendActivities(TurnContext context, List<Activity> activities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ResourceResponse> updateActivity(TurnContext context, Activity activity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> deleteActivity(TurnContext context, ConversationReference reference) {
            throw new UnsupportedOperationException();
        }
    };

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TurnMetrics metrics = new TurnMetrics(registry);

    @Test
    void eachTurnIsCountedUnderItsTypeAndOutcome() {
        for (int i = 0; i < 3; i++) {
            turn("message", true);
        }
        turn("message", false);
        turn("invoke", false);
        turn("invoke", true);
        turn("made-up-type", true);
        turn("made-up-type", false);

        assertThat(count("message", "completed")).isEqualTo(3);
        assertThat(count("message", "failed")).isEqualTo(1);
        assertThat(count("invoke", "completed")).isEqualTo(1);
        assertThat(count("invoke", "failed")).isEqualTo(1);
        assertThat(count("other", "completed")).isEqualTo(1);
        assertThat(count("other", "failed")).isEqualTo(1);
        assertThat(registry.find(TurnMetrics.TURNS).tag("type", "made-up-type").timer()).isNull();
    }

    private void turn(String type, boolean completes) {
        Activity activity = new Activity(type);
        metrics.onTurn(new TurnContextImpl(NO_SENDS, activity), () -> completes
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException("failed"))).exceptionally(error -> null).join();
    }

    private long count(String type, String outcome) {
        return registry.get(TurnMetrics.TURNS).tag("type", type).tag("outcome", outcome).timer().count();
    }
}
