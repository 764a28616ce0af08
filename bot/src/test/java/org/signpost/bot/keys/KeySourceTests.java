package org.signpost.bot.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the app's keys come from, and where they must never be. */
class KeySourceTests {

    static final String SEALING = "a-sealing-key-for-tests-only-0123456789";
    static final String TOKEN = "a-token-key-for-tests-only-0123456789ab";

    @TempDir
    Path folder;

    @Test
    void theEmbeddedDefaultGeneratesKeysOnceIntoAnOwnerOnlyFolderBesideTheDataFolder() throws IOException {
        Path data = folder.resolve("data");
        AppKeys first = KeySource.resolve(new KeySettings(null, null), new TokenKeySettings(null), data, false);
        AppKeys again = KeySource.resolve(new KeySettings(null, null), new TokenKeySettings(null), data, false);

        Path keys = folder.resolve("keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("sealing.key"))))
                .isEqualTo("rw-------");
        assertThat(again.respondentTokenKey()).isEqualTo(first.respondentTokenKey())
                .isEqualTo(Files.readAllBytes(keys.resolve("respondent-token.key")));
        assertThat(again.pseudonyms("x").of("a")).isEqualTo(first.pseudonyms("x").of("a"));
        assertThat(first.pseudonyms("x").of("a")).isNotEqualTo(first.pseudonyms("y").of("a"));
    }

    @Test
    void instancesStartingTogetherNeverMakeTwoKeys() throws Exception {
        for (int run = 0; run < 20; run++) {
            Path data = folder.resolve("run-" + run).resolve("data");
            List<Callable<AppKeys>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(() -> KeySource.resolve(new KeySettings(null, null), new TokenKeySettings(null), data, false));
            }
            Set<String> tokenKeys = new HashSet<>();
            Set<String> pseudonyms = new HashSet<>();
            for (AppKeys keys : together(starts)) {
                tokenKeys.add(HexFormat.of().formatHex(keys.respondentTokenKey()));
                pseudonyms.add(keys.pseudonyms("conversation").of("msteams/a:1"));
            }
            assertThat(tokenKeys).hasSize(1);
            assertThat(pseudonyms).hasSize(1);
        }
    }

    @Test
    void aKeyFolderInsideTheDataFolderIsRefused() {
        Path data = folder.resolve("data");
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(data.resolve("keys"), null), new TokenKeySettings(null), data, false))
                .hasMessageContaining("is inside the Redis data folder");
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(data, null), new TokenKeySettings(null), data, false))
                .hasMessageContaining("is inside the Redis data folder");
        assertThat(data.resolve("keys")).doesNotExist();
    }

    @Test
    void aKeyFolderReachedThroughALinkIntoTheDataFolderIsRefused() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(data.resolve("inside"));
        Path link = Files.createSymbolicLink(folder.resolve("looks-outside"), data.resolve("inside"));
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(link, null), new TokenKeySettings(null), data, false))
                .hasMessageContaining("is inside the Redis data folder");
    }

    @Test
    void productionTakesBothKeysFromConfigurationAndNothingElse() {
        Path data = folder.resolve("data");
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(null, null), new TokenKeySettings(null), data, true))
                .hasMessageContaining("SIGNPOST_KEYS_SEALING_KEY and SIGNPOST_SURVEY_TOKEN_SECRET");
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(null, SEALING), new TokenKeySettings(null), data, true))
                .hasMessageContaining("SIGNPOST_SURVEY_TOKEN_SECRET").hasMessageNotContaining("SEALING");
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(null, SEALING), new TokenKeySettings("too short"), data, true))
                .hasMessageContaining("at least 32 characters");
        AppKeys keys = KeySource.resolve(new KeySettings(null, SEALING), new TokenKeySettings(TOKEN), data, true);
        assertThat(keys.respondentTokenKey()).isEqualTo(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertThat(folder.resolve("keys")).doesNotExist();
    }

    @Test
    void aTokenKeyLeftInTheDataFolderByAnEarlierVersionMovesOut() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        byte[] old = "an-old-respondent-token-key-0123456".getBytes(StandardCharsets.UTF_8);
        Files.write(data.resolve("respondent-token.key"), old);

        AppKeys keys = KeySource.resolve(new KeySettings(null, null), new TokenKeySettings(null), data, false);

        assertThat(keys.respondentTokenKey()).isEqualTo(old);
        assertThat(data.resolve("respondent-token.key")).doesNotExist();
        assertThat(folder.resolve("keys").resolve("respondent-token.key")).hasBinaryContent(old);
    }

    @Test
    void aDamagedKeyFileStopsStartUpInsteadOfMakingANewKey() throws IOException {
        Path data = folder.resolve("data");
        Files.createDirectories(folder.resolve("keys"));
        Files.write(folder.resolve("keys").resolve("respondent-token.key"), new byte[3]);
        assertThatThrownBy(() -> KeySource.resolve(new KeySettings(null, null), new TokenKeySettings(null), data, false))
                .hasMessageContaining("is damaged");
    }

    private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
