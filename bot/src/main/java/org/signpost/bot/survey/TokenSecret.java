package org.signpost.bot.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The key of the respondent tokens. It must never reach Redis or a log: with it and a staff list,
 * anyone could tell who responded. Unset in configuration, one is generated once into the data folder,
 * readable by its owner only.
 */
final class TokenSecret {

    static final String FILE = "respondent-token.key";

    private TokenSecret() {
    }

    static byte[] resolve(String configured, Path dataFolder, boolean sharedRedisInProduction) {
        if (configured != null && !configured.isBlank()) {
            byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("SIGNPOST_SURVEY_TOKEN_SECRET must be at least 32 characters");
            }
            return secret;
        }
        if (sharedRedisInProduction) {
            throw new IllegalStateException("Set SIGNPOST_SURVEY_TOKEN_SECRET (at least 32 random characters): with a "
                    + "shared Redis every instance must use the same secret, or people could respond twice");
        }
        return generatedOnce(dataFolder.toAbsolutePath().normalize().resolve(FILE));
    }

    private static byte[] generatedOnce(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path partial = Files.createTempFile(file.getParent(), FILE, ".new");
            if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(partial, secret);
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the respondent-token key in " + file.getParent(), e);
        }
    }
}
