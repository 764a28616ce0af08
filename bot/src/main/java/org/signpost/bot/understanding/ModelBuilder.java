package org.signpost.bot.understanding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.naivebayes.NaiveBayesTrainer;
import opennlp.tools.util.TrainingParameters;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Trains the models for the shipped content at build time (the Maven build runs this in process-classes) and
 * writes them into the jar's {@code nlp-models/}, named by the hash of what made them, so that a clean clone
 * starts without training. A model already there under its hash is kept. Content changed in an organisation's
 * content folder gives other hashes: those models are trained once at start-up and cached (see ModelCache).
 */
public final class ModelBuilder {

    private ModelBuilder() {
    }

    public static void main(String[] arguments) throws Exception {
        Path folder = Path.of(arguments[0], ModelCache.CLASSPATH_FOLDER);
        Files.createDirectories(folder);
        ContentFolder content = ContentFolder.shipped();
        EnglishPipeline pipeline = EnglishPipeline.load();
        List<Categorizer.Labelled> crisis = UnderstandingConfiguration.crisisExamples(content, CrisisScope.load(content));
        build(folder, "intents", Categorizer.read(content, UnderstandingConfiguration.INTENTS), Categorizer.naiveBayes(),
                examples -> Categorizer.model(pipeline, examples, Categorizer.naiveBayes()));
        build(folder, "themes", Categorizer.read(content, UnderstandingConfiguration.THEMES), Categorizer.naiveBayes(),
                examples -> Categorizer.model(pipeline, examples, Categorizer.naiveBayes()));
        for (String kind : List.of(CrisisModel.NAIVE_BAYES, CrisisModel.MAXENT)) {
            TrainingParameters parameters = CrisisModel.parameters(kind.equals(CrisisModel.MAXENT)
                    ? GISTrainer.MAXENT_VALUE : NaiveBayesTrainer.NAIVE_BAYES_VALUE);
            build(folder, kind, crisis, parameters, examples -> CrisisModel.train(examples, parameters));
        }
    }

    private interface Trainer {
        DoccatModel train(List<Categorizer.Labelled> examples);
    }

    private static void build(Path folder, String kind, List<Categorizer.Labelled> examples,
            TrainingParameters parameters, Trainer trainer) throws Exception {
        String name = ModelCache.fileName(kind, examples, parameters);
        Path target = folder.resolve(name);
        if (Files.isRegularFile(target)) {
            return;
        }
        try (var stale = Files.newDirectoryStream(folder, kind + "-*.bin")) {
            for (Path old : stale) {
                Files.delete(old);
            }
        }
        ModelCache.write(trainer.train(examples), target);
    }
}
