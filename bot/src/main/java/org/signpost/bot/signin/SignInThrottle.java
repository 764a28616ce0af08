package org.signpost.bot.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed sign-ins are throttled: after {@code maxFailures} failures within the window, for a username or
 * from an address, further attempts are refused without checking the password until the window has
 * passed. Kept in memory: the local account serves the one-instance embedded default.
 */
final class SignInThrottle implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(AuthenticationProvider delegate, int maxFailures, Duration window, Clock clock) {
        this.delegate = delegate;
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        List<String> keys = keys(attempt);
        if (keys.stream().anyMatch(this::blocked)) {
            throw new LockedException("Too many failed sign-ins");
        }
        try {
            Authentication signedIn = delegate.authenticate(attempt);
            failures.remove(keys.get(0));
            return signedIn;
        } catch (BadCredentialsException e) {
            keys.forEach(this::failed);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private boolean blocked(String key) {
        Deque<Instant> recent = failures.get(key);
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            prune(recent);
            return recent.size() >= maxFailures;
        }
    }

    private void failed(String key) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            recent.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> recent) {
        Instant since = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
            recent.removeFirst();
        }
    }

    private static List<String> keys(Authentication attempt) {
        String user = "user:" + String.valueOf(attempt.getName()).toLowerCase(Locale.ROOT);
        if (attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return List.of(user, "address:" + details.getRemoteAddress());
        }
        return List.of(user);
    }
}
