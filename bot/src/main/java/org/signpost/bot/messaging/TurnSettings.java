package org.signpost.bot.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How turns run: on the bot's own bounded pool, never the SDK's shared one.
 *
 * @param threads        turns running at once; each holds its thread while it waits for Redis or the connector
 * @param queue          turns waiting for a thread; beyond it a request gets 503 at once (the channel retries)
 * @param requestTimeout a request still unanswered after this gets 503, well before Teams gives up (~15 s)
 */
@ConfigurationProperties("signpost.turns")
record TurnSettings(
        @DefaultValue("64") int threads,
        @DefaultValue("1000") int queue,
        @DefaultValue("10s") Duration requestTimeout) {

    TurnSettings {
        if (threads < 1 || queue < 0 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Turns need at least one thread, a queue of 0 or more and a positive timeout");
        }
    }
}
