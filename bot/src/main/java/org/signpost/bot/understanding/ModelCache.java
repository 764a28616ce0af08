package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained models, kept so that start-up does not train them again. A model is found by a SHA-256 of everything
 * that made it: its kind, the feature code's version, OpenNLP's version, the training parameters and every
 * training example (after the organisation's content folder is applied), so a change to any of them trains
 * a new one. It is looked for first among the models built into the jar at build time
 * ({@code nlp-models/<kind>-<hash>.compact} on the classpath), then in the cache folder; a model trained at
 * start-up is written there atomically (a temporary file, then a rename), in an owner-only folder. A cache
 * file that cannot be read is trained again and replaced.
 */
final class ModelCache {

    /** Bump when the features or the way examples become samples change: old cached models are then ignored. */
    static final String FORMAT = "4";
    static final String CLASSPATH_FOLDER = "nlp-models/";
    /** The compact run-time form (CompactModels), not OpenNLP's own model files. */
    static final String EXTENSION = ".compact";

    private static final Logger log = LoggerFactory.getLogger(ModelCache.class);

    private final Optional<Path> folder;

    ModelCache(Optional<Path> folder) {
        this.folder = folder.map(path -> path.toAbsolutePath().normalize());
    }

    static ModelCache none() {
        return new ModelCache(Optional.empty());
    }

    /**
     * The cached models for these inputs, or newly trained ones (then cached), in their compact run-time form:
     * one file per kind, the models of the kind sharing one predicate index.
     */
    CompactModels models(String kind, List<Categorizer.Labelled> examples, List<TrainingParameters> parameters,
            Supplier<List<DoccatModel>> train) {
        String name = fileName(kind, examples, parameters);
        Optional<CompactModels> built = readBuiltIn(name);
        if (built.isPresent()) {
            return built.get();
        }
        Optional<Path> cached = folder.filter(ModelCache::safe).map(path -> path.resolve(name));
        if (cached.isPresent() && Files.isRegularFile(cached.get())) {
            try {
                return CompactModels.read(Files.readAllBytes(cached.get()));
            } catch (IOException | RuntimeException e) {
                log.warn("A cached {} model could not be read; training it again", kind);
            }
        }
        long start = System.nanoTime();
        CompactModels models = compact(train.get());
        log.info("Trained the {} model in {} ms", kind, (System.nanoTime() - start) / 1_000_000);
        cached.ifPresent(path -> write(models, path));
        return models;
    }

    static CompactModels compact(List<DoccatModel> models) {
        return CompactModels.of(models.stream().map(DoccatModel::getMaxentModel).toList());
    }

    /**
     * A folder that others could write to could hand the bot a model of theirs (one that misses crises):
     * such a folder is not used at all.
     */
    static boolean safe(Path folder) {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try {
            String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(folder));
            if (permissions.charAt(4) == 'w' || permissions.charAt(7) == 'w') {
                log.warn("The model cache folder is writable by others; it is not used");
                return false;
            }
            return true;
        } catch (UnsupportedOperationException | IOException e) {
            return true;
        }
    }

    static String fileName(String kind, List<Categorizer.Labelled> examples, List<TrainingParameters> parameters) {
        return kind + "-" + digest(kind, examples, parameters) + EXTENSION;
    }

    static String digest(String kind, List<Categorizer.Labelled> examples, List<TrainingParameters> parameters) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, kind);
            update(sha, FORMAT);
            update(sha, Version.currentVersion().toString());
            for (TrainingParameters each : parameters) {
                Map<String, Object> sorted = new TreeMap<>(each.getObjectSettings());
                update(sha, sorted.toString());
            }
            for (Categorizer.Labelled example : examples) {
                update(sha, example.label());
                update(sha, example.text());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    private static Optional<CompactModels> readBuiltIn(String name) {
        try (InputStream in = ModelCache.class.getClassLoader().getResourceAsStream(CLASSPATH_FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(CompactModels.read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in model " + name, e);
        }
    }

    /** Writes the models beside their final name, then renames them into place, so a reader never sees half a file. */
    static void write(CompactModels models, Path target) {
        try {
            Path directory = target.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                restrict(directory);
            }
            Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
            try {
                Files.write(temporary, models.bytes());
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // the bot works without the cache, it only starts slower next time
            log.warn("Cannot write a trained model to the cache folder: {}", e.getClass().getSimpleName());
        }
    }

    private static void restrict(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the folder keeps its inherited permissions
        }
    }
}
