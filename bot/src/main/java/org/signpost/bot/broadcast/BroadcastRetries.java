package org.signpost.bot.broadcast;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.signpost.bot.connector.RetryPolicy;
import org.signpost.dialogs.broadcast.Backoff;

/**
 * A broadcast's retries follow the same rules as every outbound call ({@link RetryPolicy}: exponential
 * backoff with jitter, at least the connector's {@code Retry-After}), with a policy of their own: more
 * attempts and longer waits than a reply can afford, since nobody is waiting on the other end. Each
 * retry is queued, not slept on, so it counts against the tenant's rate like any send.
 */
public final class BroadcastRetries implements Backoff {

    private final RetryPolicy policy;
    private final RandomGenerator random;

    public BroadcastRetries(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    @Override
    public Optional<Duration> next(int attemptsMade, Optional<Duration> retryAfter) {
        // the budget bounds a single wait here: a Retry-After beyond it gives up instead of holding the queue
        return policy.nextDelay(attemptsMade, retryAfter, Duration.ZERO, random);
    }
}
