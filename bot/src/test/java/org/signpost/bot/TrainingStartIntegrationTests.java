package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive's training start ({@code start-and-stop}, which {@code package} runs, bot/pom.xml execution
 * "training-start") ignores environment variables: a {@code REDIS_URL}, app id or key folder set in the shell that
 * builds and runs the bot is for the bot, and must not send the training start to a real Redis or real keys.
 */
class TrainingStartIntegrationTests {

    @TempDir
    Path work;

    @Test
    void theTrainingStartRunsOnItsOwnDataWhateverTheEnvironmentSays() throws Exception {
        Path log = work.resolve("training.log");
        ProcessBuilder training = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SignpostApplication.class.getName(), "start-and-stop", "--server.port=0", "--management.server.port=0",
                "--signpost.signin.local.username=training",
                "--signpost.signin.local.password-hash=$2a$04$xG4Cxg0iv8Czg2u54K1Cpuaf13KjNYmD0sgDjRUrv9Jkqta/WlQKy")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // nothing listens there, and that folder may not be written: a start that read either would stop
        training.environment().put("REDIS_URL", "redis://127.0.0.1:1");
        training.environment().put("SIGNPOST_KEYS_FOLDER", "/proc/signpost-keys");

        Process process = training.start();
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("stops by itself").isTrue();
            assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("Embedded Redis started");
        assertThat(work.resolve("keys")).isDirectory();
    }
}
