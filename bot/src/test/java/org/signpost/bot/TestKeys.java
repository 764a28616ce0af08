package org.signpost.bot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.signpost.bot.keys.AppKeys;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The app's keys as production takes them, from configuration: for tests with an app id or an external Redis. */
public final class TestKeys {

    public static final String SEALING = "a-sealing-key-for-tests-only-0123456789";
    public static final String TOKEN = "a-shared-secret-of-at-least-32-characters";

    private TestKeys() {
    }

    public static AppKeys appKeys() {
        return new AppKeys(SEALING.getBytes(StandardCharsets.UTF_8), TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("signpost.keys.sealing-key", () -> SEALING);
        registry.add("signpost.survey.token-secret", () -> TOKEN);
    }

    public static List<String> arguments() {
        return List.of("--signpost.keys.sealing-key=" + SEALING, "--signpost.survey.token-secret=" + TOKEN);
    }
}
