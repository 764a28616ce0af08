package org.signpost.bot.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the keys come from. In production (an app id, or an external Redis) from configuration only, the
 * same on every instance. In the embedded default, generated once into an owner-only key folder beside
 * (never inside) the Redis data folder, so that a copy or backup of the data folder holds no key.
 */
public final class KeySource {

    static final String SEALING_FILE = "sealing.key";
    static final String TOKEN_FILE = "respondent-token.key";
    static final String SEALING_VARIABLE = "SIGNPOST_KEYS_SEALING_KEY";
    static final String TOKEN_VARIABLE = "SIGNPOST_SURVEY_TOKEN_SECRET";

    private static final Logger log = LoggerFactory.getLogger(KeySource.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySource() {
    }

    public static AppKeys resolve(KeySettings settings, TokenKeySettings tokenKey, Path redisDataFolder,
            boolean production) {
        byte[] sealing = configured(settings.sealingKey(), SEALING_VARIABLE);
        byte[] token = configured(tokenKey.tokenSecret(), TOKEN_VARIABLE);
        if (production) {
            List<String> missing = new ArrayList<>();
            if (sealing == null) {
                missing.add(SEALING_VARIABLE);
            }
            if (token == null) {
                missing.add(TOKEN_VARIABLE);
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Set " + String.join(" and ", missing) + " (at least 32 random "
                        + "characters each, the same on every instance, kept in a vault): with an app id or an "
                        + "external Redis the keys come from configuration, never from a local folder");
            }
            return new AppKeys(sealing, token);
        }
        Path data = redisDataFolder.toAbsolutePath().normalize();
        Path folder = settings.folder() == null ? besides(data) : settings.folder().toAbsolutePath().normalize();
        refuseInside(folder, data);
        if (sealing != null && token != null) {
            return new AppKeys(sealing, token);
        }
        try {
            Files.createDirectories(folder);
            ownerOnly(folder);
            moveOldTokenKey(data, folder, token != null);
            return new AppKeys(sealing != null ? sealing : readOrCreate(folder.resolve(SEALING_FILE)),
                    token != null ? token : readOrCreate(folder.resolve(TOKEN_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the keys in " + folder, e);
        }
    }

    /** {@code keys}, next to the data folder (where the HR pages keep their local account too). */
    static Path besides(Path dataFolder) {
        if (dataFolder.getParent() == null) {
            throw new IllegalStateException("Set signpost.keys.folder: the Redis data folder has no folder to put one beside");
        }
        return dataFolder.resolveSibling("keys");
    }

    private static void refuseInside(Path folder, Path data) {
        boolean inside = folder.startsWith(data);
        try {
            if (!inside && Files.exists(folder) && Files.exists(data)) {
                inside = folder.toRealPath().startsWith(data.toRealPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (inside) {
            throw new IllegalStateException("The key folder " + folder + " is inside the Redis data folder " + data
                    + ": a copy or backup of the data would then carry the keys that protect it. Choose a key folder "
                    + "outside it (signpost.keys.folder, SIGNPOST_KEYS_FOLDER)");
        }
    }

    /**
     * Earlier versions kept the respondent-token key in the Redis data folder: move it out, so the data
     * folder holds no key from now on.
     */
    private static void moveOldTokenKey(Path data, Path folder, boolean tokenConfigured) throws IOException {
        Path old = data.resolve(TOKEN_FILE);
        if (!Files.exists(old)) {
            return;
        }
        Path moved = folder.resolve(TOKEN_FILE);
        if (tokenConfigured) {
            log.warn("A respondent-token key file is still in the Redis data folder {}, unused since a key is "
                    + "configured: delete it, so that backups of the data folder stop carrying it", data);
            return;
        }
        byte[] key = Files.readAllBytes(old);
        if (!Files.exists(moved)) {
            writeNew(moved, key);
        } else if (!Arrays.equals(Files.readAllBytes(moved), key)) {
            throw new IllegalStateException("Two different respondent-token keys: " + old + " and " + moved
                    + ". Keep the one your open rounds were opened with, in the key folder, and delete the other");
        }
        Files.delete(old);
        log.info("Moved the respondent-token key out of the Redis data folder into {}", folder);
    }

    /** Created once with CREATE_NEW: two instances starting together never make two different keys. */
    static byte[] readOrCreate(Path file) throws IOException {
        byte[] key = new byte[AppKeys.MINIMUM_BYTES];
        RANDOM.nextBytes(key);
        try {
            writeNew(file, key);
            return key;
        } catch (FileAlreadyExistsException created) {
            return readWritten(file);
        }
    }

    private static void writeNew(Path file, byte[] key) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnlyFile(file))) {
            ByteBuffer buffer = ByteBuffer.wrap(key);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** The instance that created the file may still be writing it: wait for it, briefly. */
    private static byte[] readWritten(Path file) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            byte[] key = Files.readAllBytes(file);
            if (key.length >= AppKeys.MINIMUM_BYTES) {
                return key;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("The key file " + file + " is shorter than " + AppKeys.MINIMUM_BYTES
                + " bytes, so it is damaged. Restore it from your backup of the key folder; delete it only if no "
                + "survey round was ever opened with it");
    }

    private static byte[] configured(String value, String variable) {
        if (value == null || value.isBlank()) {
            return null;
        }
        byte[] key = value.getBytes(StandardCharsets.UTF_8);
        if (key.length < AppKeys.MINIMUM_BYTES) {
            throw new IllegalStateException(variable + " must be at least " + AppKeys.MINIMUM_BYTES + " characters");
        }
        return key;
    }

    private static void ownerOnly(Path folder) throws IOException {
        if (posix(folder)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static FileAttribute<?>[] ownerOnlyFile(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
