package org.signpost.bot.understanding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.TrainingParameters;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Trains the models for the shipped content at build time (the Maven build runs this in process-classes) and
 * writes them, in their compact run-time form (CompactModels), into the jar's {@code nlp-models/}, named by the
 * hash of what made them, so that a clean clone starts without training. A model already there under its hash
 * is kept. Content changed in an organisation's
 * content folder gives other hashes: those models are trained once at start-up and cached (see ModelCache).
 * The English pipeline's own models are written there too, in compact form (CompactEnglish), so that a start
 * does not read OpenNLP's model files and make them compact again.
 */
public final class ModelBuilder {

    private ModelBuilder() {
    }

    public static void main(String[] arguments) throws Exception {
        Path folder = Path.of(arguments[0], ModelCache.CLASSPATH_FOLDER);
        Files.createDirectories(folder);
        ContentFolder content = ContentFolder.shipped();
        Optional<CompactEnglish> english = CompactEnglish.of(new TokenizerModel(EnglishPipeline.model("tokens")),
                new POSModel(EnglishPipeline.model("pos")), new LemmatizerModel(EnglishPipeline.model("lemmas")));
        write(folder, CompactEnglish.KIND, CompactEnglish.fileName(), english.map(CompactEnglish::bytes));
        EnglishPipeline pipeline = english.map(EnglishPipeline::of).orElseGet(EnglishPipeline::fromOpenNlp);
        List<TrainingParameters> naiveBayes = List.of(Categorizer.naiveBayes());
        for (String kind : List.of("intents", "themes")) {
            String file = kind.equals("intents") ? UnderstandingConfiguration.INTENTS : UnderstandingConfiguration.THEMES;
            build(folder, kind, Categorizer.read(content, file), naiveBayes,
                    examples -> List.of(Categorizer.model(pipeline, examples, Categorizer.naiveBayes())));
        }
        build(folder, CrisisModel.KIND, UnderstandingConfiguration.crisisExamples(content, CrisisScope.load(content)),
                CrisisModel.parameters(), CrisisModel::train);
    }

    private interface Trainer {
        List<DoccatModel> train(List<Categorizer.Labelled> examples);
    }

    /**
     * The English pipeline's models in compact form (CompactEnglish), made from OpenNLP's at every build (a
     * second); none when they do not fit that form (the pipeline then reads OpenNLP's at start-up).
     */
    private static void write(Path folder, String kind, String name, Optional<byte[]> bytes) throws Exception {
        Path target = folder.resolve(name);
        deleteOthers(folder, kind, target);
        if (bytes.isPresent()) {
            Files.write(target, bytes.get());
        } else {
            Files.deleteIfExists(target);
        }
    }

    private static void build(Path folder, String kind, List<Categorizer.Labelled> examples,
            List<TrainingParameters> parameters, Trainer trainer) throws Exception {
        String name = ModelCache.fileName(kind, examples, parameters);
        Path target = folder.resolve(name);
        deleteOthers(folder, kind, target);
        if (Files.isRegularFile(target)) {
            return;
        }
        ModelCache.write(ModelCache.compact(trainer.train(examples)), target);
    }

    private static void deleteOthers(Path folder, String kind, Path target) throws Exception {
        // older models of this kind, of the previous data or in OpenNLP's own form
        try (var stale = Files.newDirectoryStream(folder, kind + "-*")) {
            for (Path old : stale) {
                if (!old.equals(target)) {
                    Files.delete(old);
                }
            }
        }
    }
}
