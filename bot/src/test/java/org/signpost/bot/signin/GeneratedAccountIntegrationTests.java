package org.signpost.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.TestRedis;
import org.signpost.bot.results.HrSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first start's local HR account, over real HTTP: once the bot is ready its password's hash is made and stored,
 * and the password shown, without anyone signing in first; signing in with it then works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedAccountIntegrationTests {

    static final LocalTrial trial = new LocalTrial("signpost-generated-account");
    static final Path keys = TestRedis.tempFolder("signpost-generated-account-keys");
    static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    static PrintStream original;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
        registry.add("signpost.signin.local.account-file", () -> keys.resolve("hr-account").toString());
    }

    @BeforeAll
    static void watchTheConsole() {
        original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                console.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                console.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        System.setOut(original);
        trial.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theAccountIsMadeOnceTheBotIsReadyAndItsPasswordSignsIn() throws Exception {
        Pattern shown = Pattern.compile("  password: (\\S+)");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Matcher password = shown.matcher(console.toString(StandardCharsets.UTF_8));
        boolean found = password.find();
        while (!found && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            password = shown.matcher(console.toString(StandardCharsets.UTF_8));
            found = password.find();
        }
        assertThat(found).as("the password is shown without a sign-in first").isTrue();
        assertThat(Files.readString(keys.resolve("hr-account"))).startsWith("hr:$2a$12$")
                .doesNotContain(password.group(1));

        HrSession wrong = new HrSession(port);
        assertThat(wrong.signIn("hr", "not-" + password.group(1)).headers().firstValue("Location"))
                .hasValue(wrong.base() + "/hr/sign-in?error");
        HrSession hr = new HrSession(port);
        HttpResponse<String> signedIn = hr.signIn("hr", password.group(1));
        assertThat(signedIn.headers().firstValue("Location")).hasValue(hr.base() + "/hr");
        assertThat(hr.get("/hr").statusCode()).isEqualTo(200);
    }
}
