package org.signpost.bot;

import org.signpost.dialogs.kernel.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The app's clock as a test moves it ({@code @Import(MovedClock.class)}, then autowire {@link MutableClock}). */
@TestConfiguration
public class MovedClock {

    @Bean
    @Primary
    MutableClock movedClock() {
        return new MutableClock();
    }
}
