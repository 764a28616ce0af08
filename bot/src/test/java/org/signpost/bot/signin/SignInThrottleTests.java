package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.kernel.MutableClock;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Failed sign-ins are throttled per username, with a moved clock instead of waiting. */
class SignInThrottleTests {

    final MutableClock clock = new MutableClock();
    final SignInThrottle throttle = new SignInThrottle(new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication attempt) {
            if (!"right".equals(attempt.getCredentials())) {
                throw new BadCredentialsException("wrong");
            }
            return new TestingAuthenticationToken(attempt.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_HR")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }, 5, Duration.ofMinutes(15), clock);

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefusedUntilTheWindowHasPassed() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> throttle.authenticate(attempt("hr", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> throttle.authenticate(attempt("hr", "right"))).isInstanceOf(LockedException.class);
        assertThatThrownBy(() -> throttle.authenticate(attempt("HR", "right")))
                .as("the same name in other letters").isInstanceOf(LockedException.class);

        clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> throttle.authenticate(attempt("hr", "right"))).isInstanceOf(LockedException.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.authenticate(attempt("hr", "right")).isAuthenticated()).isTrue();
    }

    @Test
    void fewerFailuresThanTheLimitDoNotLock() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> throttle.authenticate(attempt("hr", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(throttle.authenticate(attempt("hr", "right")).isAuthenticated()).isTrue();
    }

    private static UsernamePasswordAuthenticationToken attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
