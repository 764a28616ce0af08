package org.signpost.bot.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When to try an outbound call to the Teams connector again: exponential backoff with jitter, at least
 * as long as the connector's {@code Retry-After} asks, within a number of attempts and a total time.
 * Plain rules with no clock or thread of their own, so a sender (a reply, a broadcast) moves time in tests.
 *
 * <p>Which failures are retried is deliberately narrow. Teams documents 412, 429, 502 and 504 as
 * transient ("back off and try again"), and those are retried. A 500, a 503 or an answer that never came
 * (a read timeout, a connection broken after the request went out) may mean the message was posted all
 * the same; posting an activity is not idempotent, and a retry would show it twice, so those are not
 * retried. A connection that could not be opened never carried the request, and is retried.
 *
 * @param maxAttempts  attempts in all, the first included (1 = never retry)
 * @param initialDelay the backoff before the first retry; it doubles with each retry
 * @param maxDelay     the longest backoff (a longer {@code Retry-After} is still honoured, within the budget)
 * @param budget       the longest time from the first attempt to the start of the last; a retry that
 *                     would start later is not made, so a reply never holds its turn beyond this
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration budget) {

    /** The statuses Teams asks callers to retry with backoff. */
    public static final Set<Integer> RETRIED_STATUSES = Set.of(412, 429, 502, 504);

    public RetryPolicy {
        if (maxAttempts < 1 || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0
                || budget.isNegative()) {
            throw new IllegalArgumentException("A retry policy needs at least one attempt, and delays that grow");
        }
    }

    /** Never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public static boolean retriedStatus(int status) {
        return RETRIED_STATUSES.contains(status);
    }

    /**
     * How long to wait before the next attempt, or empty to give up.
     *
     * @param attemptsMade attempts made so far (1 after the first)
     * @param retryAfter   what the connector asked for, if it did
     * @param elapsed      time since the first attempt started
     * @param random       the jitter's source
     */
    public Optional<Duration> nextDelay(int attemptsMade, Optional<Duration> retryAfter, Duration elapsed,
            RandomGenerator random) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration backoff = initialDelay.multipliedBy(1L << Math.min(attemptsMade - 1, 20));
        if (backoff.compareTo(maxDelay) > 0) {
            backoff = maxDelay;
        }
        // "equal jitter": half of the backoff, plus a random share of the other half, so callers that
        // failed together do not come back together
        long half = backoff.toMillis() / 2;
        Duration delay = Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        return elapsed.plus(delay).compareTo(budget) > 0 ? Optional.empty() : Optional.of(delay);
    }

    /** A {@code Retry-After} header: seconds, or an HTTP date; empty if absent or unreadable. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
