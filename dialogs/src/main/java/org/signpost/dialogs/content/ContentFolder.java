package org.signpost.dialogs.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where content (wording, support directory, surveys, training data) is read from: the files shipped
 * under {@code content/} on the classpath, with an optional folder outside the jar whose files take
 * precedence, so an organisation customises without rebuilding.
 */
public final class ContentFolder {

    private static final String CLASSPATH_ROOT = "content/";

    /** One version of a content file, and where it came from (for messages that name it). */
    public record Version(String relativePath, String origin, byte[] bytes) {
        @Override
        public String toString() {
            return origin;
        }
    }

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
        return file(relativePath).map(Version::bytes);
    }

    /** The file that counts (the override when there is one), with its origin. */
    public Optional<Version> file(String relativePath) {
        List<Version> versions = versions(relativePath);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** Every version of a file, shipped first, override last; for files merged key by key. */
    public List<byte[]> layers(String relativePath) {
        return versions(relativePath).stream().map(Version::bytes).toList();
    }

    /** Every version of a file with its origin, shipped first, override last. */
    public List<Version> versions(String relativePath) {
        List<Version> found = new ArrayList<>(2);
        try (InputStream shipped = ContentFolder.class.getClassLoader()
                .getResourceAsStream(CLASSPATH_ROOT + relativePath)) {
            if (shipped != null) {
                found.add(new Version(relativePath, "the shipped " + relativePath, shipped.readAllBytes()));
            }
            Optional<Path> override = override(relativePath);
            if (override.isPresent()) {
                found.add(new Version(relativePath, relativePath + " in the content folder " + overrides.get(),
                        Files.readAllBytes(override.get())));
            }
        } catch (IOException e) {
            throw new ContentException("Cannot read content file " + relativePath + ": " + e.getClass().getSimpleName());
        }
        return found;
    }

    /** The names of the files directly in a content folder ("surveys"), shipped or overriding, sorted. */
    public SortedSet<String> list(String folder) {
        SortedSet<String> names = new TreeSet<>(shippedFiles(folder));
        if (overrides.isPresent()) {
            Path dir = overrides.get().resolve(folder).normalize();
            if (dir.startsWith(overrides.get()) && Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                    files.forEach(file -> names.add(file.getFileName().toString()));
                } catch (IOException e) {
                    throw new ContentException("Cannot list " + folder + " in the content folder " + overrides.get()
                            + ": " + e.getClass().getSimpleName());
                }
            }
        }
        return names;
    }

    private Optional<Path> override(String relativePath) {
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        Path file = overrides.get().resolve(relativePath).normalize();
        return file.startsWith(overrides.get()) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The shipped files of a folder, from a directory (tests, IDEs) or from a jar (nested in the app's or not). */
    private static List<String> shippedFiles(String folder) {
        String prefix = CLASSPATH_ROOT + folder + "/";
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> roots = ContentFolder.class.getClassLoader().getResources(prefix);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(root.toURI()),
                            Files::isRegularFile)) {
                        files.forEach(file -> names.add(file.getFileName().toString()));
                    }
                } else if (root.openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    try (JarFile archive = jar.getJarFile()) {
                        for (JarEntry entry : archive.stream().toList()) {
                            String name = entry.getName();
                            if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                                names.add(name.substring(prefix.length()));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new UncheckedIOException(new IOException("Cannot list the shipped " + folder, e));
        }
        return names;
    }
}
