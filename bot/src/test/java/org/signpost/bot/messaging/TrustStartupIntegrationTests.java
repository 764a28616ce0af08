package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.SignpostApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** What the endpoint would trust is decided at start-up: an unsafe setting stops the app, saying why. */
class TrustStartupIntegrationTests {

    @TempDir
    Path folder;

    @Test
    void aTrialRefusesToListenBeyondLoopbackWithoutTheUnsafeFlag() {
        assertThatThrownBy(() -> start("--server.address=192.0.2.10").close())
                .hasStackTraceContaining("192.0.2.10, beyond loopback")
                .hasStackTraceContaining("SIGNPOST_TRUST_ALLOW_REMOTE_IN_TRIAL");
    }

    @Test
    void aTrialMayBeToldToListenOnLoopbackExplicitlyOrExposedWithTheUnsafeFlag() {
        TrustSettings safe = new TrustSettings(false, false, DataSize.ofKilobytes(256), "https://login.example");
        TrustSettings unsafe = new TrustSettings(true, false, DataSize.ofKilobytes(256), "https://login.example");
        for (String loopback : List.of("127.0.0.1", "localhost", "::1")) {
            customizer(safe, "server.address", loopback);
        }
        customizer(unsafe, "server.address", "0.0.0.0");
        assertThatThrownBy(() -> customizer(safe, "server.address", "0.0.0.0"))
                .hasMessageContaining("SIGNPOST_TRUST_ALLOW_REMOTE_IN_TRIAL");
        // with an app id every request needs a token, and the address is the operator's to choose
        customizer(safe, "server.address", "0.0.0.0", "MicrosoftAppId", "app", "MicrosoftAppTenantId", "tenant");
    }

    private static void customizer(TrustSettings trust, String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < properties.length; i += 2) {
            environment.setProperty(properties[i], properties[i + 1]);
        }
        new MessagingConfiguration().trialListensOnLoopback(BotCredentials.from(environment, trust), trust, environment);
    }

    @Test
    void aMultiTenantRegistrationIsRefusedUnlessExplicitlyAllowed() {
        assertThatThrownBy(() -> start("--MicrosoftAppId=app", "--MicrosoftAppPassword=secret",
                "--MicrosoftAppType=MultiTenant").close())
                .hasStackTraceContaining("multi-tenant Bot Framework registration")
                .hasStackTraceContaining("SIGNPOST_TRUST_ALLOW_MULTI_TENANT");
        // an app id without a tenant is a multi-tenant registration too
        assertThatThrownBy(() -> start("--MicrosoftAppId=app", "--MicrosoftAppPassword=secret").close())
                .hasStackTraceContaining("multi-tenant Bot Framework registration");
    }

    @Test
    void aSingleTenantRegistrationNeedsItsTenant() {
        assertThatThrownBy(() -> start("--MicrosoftAppId=app", "--MicrosoftAppPassword=secret",
                "--MicrosoftAppType=SingleTenant").close())
                .hasStackTraceContaining("MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId");
        assertThatThrownBy(() -> start("--MicrosoftAppId=app", "--MicrosoftAppPassword=secret",
                "--MicrosoftAppTenantId=tenant", "--MicrosoftAppType=UserAssignedMSI").close())
                .hasStackTraceContaining("MicrosoftAppType=userassignedmsi is not supported");
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--signpost.redis.data-folder=" + folder.resolve("data"),
                "--signpost.survey.token-secret=a-test-secret-of-at-least-32-characters"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }
}
