package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRedisTests {

    @Test
    void whenItCannotStartItSaysHowToUseARedisServerInstead(@TempDir Path folder) throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("data"), "a file where the data folder should be");

        assertThatThrownBy(() -> EmbeddedRedis.start(notAFolder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDIS_URL=redis://");
    }

    @Test
    void keepsItsDataInAnOwnerOnlyFolder(@TempDir Path folder) throws IOException {
        Path data = folder.resolve("data");
        try (EmbeddedRedis redis = EmbeddedRedis.start(data)) {
            assertThat(redis.port()).isPositive();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }
}
