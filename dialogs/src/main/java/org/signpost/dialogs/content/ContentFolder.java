package org.signpost.dialogs.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where content (wording, support directory, surveys, training data) is read from: the files shipped
 * under {@code content/} on the classpath, with an optional folder outside the jar whose files take
 * precedence, so an organisation customises without rebuilding.
 */
public final class ContentFolder {

    private static final String CLASSPATH_ROOT = "content/";

    private final Optional<Path> overrides;

    private ContentFolder(Optional<Path> overrides) {
        this.overrides = overrides;
    }

    public static ContentFolder shipped() {
        return new ContentFolder(Optional.empty());
    }

    public static ContentFolder withOverrides(Path folder) {
        return new ContentFolder(Optional.of(folder));
    }

    /** The shipped file, or the override when there is one. */
    public Optional<byte[]> read(String relativePath) {
        List<byte[]> layers = layers(relativePath);
        return layers.isEmpty() ? Optional.empty() : Optional.of(layers.get(layers.size() - 1));
    }

    /** Every version of a file, shipped first, override last; for files merged key by key. */
    public List<byte[]> layers(String relativePath) {
        List<byte[]> found = new ArrayList<>(2);
        try (InputStream shipped = ContentFolder.class.getClassLoader()
                .getResourceAsStream(CLASSPATH_ROOT + relativePath)) {
            if (shipped != null) {
                found.add(shipped.readAllBytes());
            }
            if (overrides.isPresent()) {
                Path file = overrides.get().resolve(relativePath).normalize();
                if (file.startsWith(overrides.get()) && Files.isRegularFile(file)) {
                    found.add(Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read content file " + relativePath, e);
        }
        return found;
    }
}
