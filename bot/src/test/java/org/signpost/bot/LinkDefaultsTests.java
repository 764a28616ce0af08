package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/** The links the bot puts in Teams point at the port it runs on until a public address is set. */
class LinkDefaultsTests {

    @Test
    void theLinksFollowThePortTheBotRunsOn() throws IOException {
        MockEnvironment environment = shipped().withProperty("PORT", "4567");

        assertThat(environment.getProperty("signpost.results.pages-url")).isEqualTo("http://localhost:4567/hr");
        assertThat(environment.getProperty("signpost.focusgroups.invitations-url"))
                .isEqualTo("http://localhost:4567/focus-groups/invitations");
    }

    @Test
    void withoutAPortTheyAreOnTheDefaultOne() throws IOException {
        assertThat(shipped().getProperty("signpost.results.pages-url")).isEqualTo("http://localhost:3978/hr");
    }

    private static MockEnvironment shipped() throws IOException {
        MockEnvironment environment = new MockEnvironment();
        new PropertiesPropertySourceLoader().load("shipped", new ClassPathResource("application.properties"))
                .forEach(environment.getPropertySources()::addLast);
        return environment;
    }
}
