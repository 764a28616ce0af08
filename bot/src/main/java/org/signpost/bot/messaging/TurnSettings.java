package org.signpost.bot.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many turns run at once, and how long a request waits for its answer. A turn runs on the request thread
 * that received it (never the SDK's shared pool), so every turn in flight holds one of Tomcat's request threads:
 * {@code threads + queue} must stay below Tomcat's {@code server.tomcat.threads.max}, so the web pages always
 * have threads (checked at start-up).
 *
 * @param threads        turns running at once; each holds its thread while it waits for Redis or the connector
 * @param queue          turns waiting, each on its own request thread, for one of those; beyond it a request gets
 *                       503 at once, with Retry-After (the channel retries)
 * @param requestTimeout a request still unanswered after this gets 503, well before Teams gives up (~15 s)
 */
@ConfigurationProperties("signpost.turns")
record TurnSettings(
        @DefaultValue("64") int threads,
        @DefaultValue("64") int queue,
        @DefaultValue("10s") Duration requestTimeout) {

    TurnSettings {
        if (threads < 1 || queue < 0 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Turns need at least one thread, a queue of 0 or more and a positive timeout");
        }
    }

    /** Refuses settings that would let turns take every one of Tomcat's request threads. */
    void checkBelow(int requestThreads) {
        if (threads + queue >= requestThreads) {
            throw new IllegalStateException("signpost.turns.threads + signpost.turns.queue (" + (threads + queue)
                    + ") must be below server.tomcat.threads.max (" + requestThreads + "): each turn in flight holds "
                    + "one of Tomcat's request threads, and the web pages need some too");
        }
    }
}
