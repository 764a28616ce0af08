package org.signpost.bot.broadcast;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletionStage;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.Courier;
import org.signpost.dialogs.broadcast.Delivery;
import org.signpost.dialogs.broadcast.Recipients;
import org.signpost.dialogs.broadcast.SendResult;

/**
 * The {@code signpost.broadcast.sends} counter, labelled by outcome only: {@code sent} (the connector took
 * it), {@code retried} (it asked to try again), {@code failed} (refused, gone, or no answer) and
 * {@code skipped_optout} (left out: the person said "stop announcements", or their reference went).
 */
final class BroadcastSends implements Courier {

    static final String SENDS = "signpost.broadcast.sends";

    private final Courier courier;
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final Counter skipped;

    BroadcastSends(Courier courier, MeterRegistry registry) {
        this.courier = courier;
        this.sent = counter(registry, "sent");
        this.retried = counter(registry, "retried");
        this.failed = counter(registry, "failed");
        this.skipped = counter(registry, "skipped_optout");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(SENDS).description("Announcement messages, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public CompletionStage<SendResult> send(Broadcast broadcast, Delivery delivery) {
        return courier.send(broadcast, delivery).whenComplete((result, error) -> count(error == null ? result
                : new SendResult.MaybeSent()));
    }

    private void count(SendResult result) {
        if (result instanceof SendResult.Delivered) {
            sent.increment();
        } else if (result instanceof SendResult.TryAgain) {
            retried.increment();
        } else if (result instanceof SendResult.NoReference) {
            skipped.increment();
        } else if (!(result instanceof SendResult.Late)) {
            // Late was never posted: it is claimed again, and counted then
            failed.increment();
        }
    }

    /** The recipients of "everyone", counting those left out because they opted out, as each broadcast starts. */
    Recipients counting(Recipients recipients) {
        return new Recipients() {
            @Override
            public Page reachable(String tenant, String cursor, int count) {
                return recipients.reachable(tenant, cursor, count);
            }

            @Override
            public long optedOut(String tenant) {
                long optedOut = recipients.optedOut(tenant);
                skipped.increment(optedOut);
                return optedOut;
            }
        };
    }
}
