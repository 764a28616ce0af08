package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.LocalTrial;
import org.signpost.bot.keys.AppKeys;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The privacy scan against the default: the embedded Redis (6.2, one {@code .aof} file), with the keys
 * the app generated into its own folder beside the data folder.
 */
@Import(SurveyPrivacyScan.MovedClock.class)
class EmbeddedRedisPrivacyIntegrationTests extends SurveyPrivacyScan {

    static final LocalTrial trial = new LocalTrial("signpost-privacy");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trial.register(registry);
    }

    @AfterAll
    static void stop() {
        trial.close();
    }

    @Override
    FakeConnector connector() {
        return trial.connector();
    }

    @Override
    Path redisDataFolder() {
        return trial.data();
    }

    @Override
    AppKeys appKeys() {
        try {
            return new AppKeys(Files.readAllBytes(keyFolder().resolve("sealing.key")),
                    Files.readAllBytes(keyFolder().resolve("respondent-token.key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKeysLiveBesideTheDataFolderReadableByTheirOwnerOnly() throws IOException {
        assertThat(keyFolder()).isDirectory();
        assertThat(keyFolder().startsWith(trial.data())).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFolder()))).isEqualTo("rwx------");
        for (String file : new String[] {"sealing.key", "respondent-token.key"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFolder().resolve(file))))
                    .isEqualTo("rw-------");
            assertThat(Files.size(keyFolder().resolve(file))).isEqualTo(32);
        }
    }

    private static Path keyFolder() {
        return trial.data().resolveSibling("keys");
    }
}
