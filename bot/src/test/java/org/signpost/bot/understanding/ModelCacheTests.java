package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained models are kept by a hash of everything that made them, written whole, and only in a safe folder. */
class ModelCacheTests {

    static final List<Categorizer.Labelled> EXAMPLES = List.of(new Categorizer.Labelled("ordinary", "see you at lunch"),
            new Categorizer.Labelled("suicide", "I want to die"), new Categorizer.Labelled("ordinary", "thanks all"));

    final AtomicInteger trainings = new AtomicInteger();

    CompactModels model(ModelCache cache, List<Categorizer.Labelled> examples, TrainingParameters parameters) {
        return cache.models("test", examples, List.of(parameters), () -> {
            trainings.incrementAndGet();
            return List.of(CrisisModel.train(examples, parameters));
        });
    }

    @Test
    void aModelIsTrainedOnceAndThenReadFromTheCache(@TempDir Path root) throws IOException {
        Path folder = root.resolve("models");
        TrainingParameters parameters = CrisisModel.parameters("NAIVEBAYES");
        model(new ModelCache(Optional.of(folder)), EXAMPLES, parameters);
        model(new ModelCache(Optional.of(folder)), EXAMPLES, parameters);
        assertThat(trainings).hasValue(1);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString()).toList())
                    .containsExactly(ModelCache.fileName("test", EXAMPLES, List.of(parameters)));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void anyChangeToTheInputsTrainsAgain(@TempDir Path folder) {
        TrainingParameters parameters = CrisisModel.parameters("NAIVEBAYES");
        ModelCache cache = new ModelCache(Optional.of(folder));
        model(cache, EXAMPLES, parameters);
        List<Categorizer.Labelled> added = new ArrayList<>(EXAMPLES);
        added.add(new Categorizer.Labelled("ordinary", "an organisation's own phrase"));
        model(cache, added, parameters);
        model(cache, EXAMPLES, CrisisModel.parameters("MAXENT"));
        assertThat(trainings).hasValue(3);
        assertThat(ModelCache.fileName("test", EXAMPLES, List.of(parameters)))
                .isNotEqualTo(ModelCache.fileName("test", added, List.of(parameters)));
    }

    @Test
    void aDamagedCacheFileIsTrainedAgainAndReplaced(@TempDir Path folder) throws IOException {
        TrainingParameters parameters = CrisisModel.parameters("NAIVEBAYES");
        Path file = folder.resolve(ModelCache.fileName("test", EXAMPLES, List.of(parameters)));
        Files.writeString(file, "half a model");
        model(new ModelCache(Optional.of(folder)), EXAMPLES, parameters);
        assertThat(trainings).hasValue(1);
        assertThat(Files.size(file)).isGreaterThan(100);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(path -> path.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aFolderOthersCanWriteToIsNotUsed(@TempDir Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        TrainingParameters parameters = CrisisModel.parameters("NAIVEBAYES");
        model(new ModelCache(Optional.of(folder)), EXAMPLES, parameters);
        model(new ModelCache(Optional.of(folder)), EXAMPLES, parameters);
        assertThat(trainings).hasValue(2);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }
}
