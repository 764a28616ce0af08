package org.signpost.bot.connector;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries an outbound call as its {@link RetryPolicy} says: on the statuses Teams asks to be retried,
 * and when the connection could not even be opened; never once the request may have been acted on.
 * On an OkHttp client it covers every call that client makes (replies and messages outside a turn).
 */
public final class RetryInterceptor implements Interceptor {

    /** Waits; tests pass one that only moves their clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public RetryInterceptor(RetryPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    public static RetryInterceptor realTime(RetryPolicy policy) {
        return new RetryInterceptor(policy, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()),
                RandomGenerator.getDefault());
    }

    /** A request tagged with this is made once: its sender schedules its own attempts. */
    public enum Once { INSTANCE }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (chain.request().tag(Once.class) != null) {
            return chain.proceed(chain.request());
        }
        Instant started = clock.instant();
        for (int attempts = 1; ; attempts++) {
            Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (ConnectException | NoRouteToHostException | UnknownHostException notSent) {
                Optional<Duration> delay = policy.nextDelay(attempts, Optional.empty(), elapsedSince(started), random);
                if (delay.isEmpty() || chain.call().isCanceled()) {
                    throw notSent;
                }
                pause(delay.get());
                continue;
            }
            if (!RetryPolicy.retriedStatus(response.code())) {
                return response;
            }
            Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock.instant());
            Optional<Duration> delay = policy.nextDelay(attempts, retryAfter, elapsedSince(started), random);
            if (delay.isEmpty() || chain.call().isCanceled()) {
                return response;
            }
            response.close();
            pause(delay.get());
        }
    }

    private Duration elapsedSince(Instant started) {
        return Duration.between(started, clock.instant());
    }

    private void pause(Duration delay) throws InterruptedIOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry");
        }
    }
}
