package org.signpost.bot.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound calls to the Teams connector (replies, and messages outside a turn).
 *
 * @param connectTimeout       opening a connection
 * @param readTimeout          waiting for each part of an answer
 * @param callTimeout          one call from start to end, retries included
 * @param maxConcurrentCalls   calls in flight at once, all service URLs together; more wait their turn
 * @param maxAttempts          attempts of one call, the first included (see {@link RetryPolicy})
 * @param initialRetryDelay    backoff before the first retry, doubling after
 * @param maxRetryDelay        the longest backoff
 * @param retryBudget          no retry starts later than this after the first attempt; keeps a reply
 *                             within its turn's time
 */
@ConfigurationProperties("signpost.connector")
public record ConnectorSettings(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("8s") Duration callTimeout,
        @DefaultValue("64") int maxConcurrentCalls,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("250ms") Duration initialRetryDelay,
        @DefaultValue("2s") Duration maxRetryDelay,
        @DefaultValue("4s") Duration retryBudget) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialRetryDelay, maxRetryDelay, retryBudget);
    }
}
