package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.naivebayes.NaiveBayesTrainer;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;
import org.signpost.dialogs.content.ContentFolder;

/**
 * An OpenNLP document categoriser trained from a content file of {@code <label> <text>} lines, evaluated in its
 * compact form (CompactModel: OpenNLP's probabilities, bit for bit, in a fraction of the memory). The model is
 * built into the jar at build time and cached (see {@link ModelCache}); phrases an organisation adds in its
 * content folder make a new model, trained once at start-up and then cached.
 */
final class Categorizer {

    static {
        // OpenNLP re-creates a model's feature generators by class name, only from allowed packages
        ExtensionLoader.registerAllowedPackage(TextFeatures.class.getPackageName());
    }

    record Labelled(String label, String text) {
    }

    private final EnglishPipeline pipeline;
    private final PredicateIndex predicates;
    private final CompactModel model;
    private final TextFeatures.Vocabulary vocabulary;

    private Categorizer(EnglishPipeline pipeline, CompactModels models) {
        this.pipeline = pipeline;
        this.predicates = models.predicates();
        this.model = models.model(0);
        this.vocabulary = TextFeatures.Vocabulary.of(predicates);
    }

    static Categorizer train(EnglishPipeline pipeline, ContentFolder content, String file) {
        return train(pipeline, read(content, file));
    }

    /** The model for this kind and these examples, from the cache or trained now. */
    static Categorizer cached(EnglishPipeline pipeline, ModelCache cache, String kind, List<Labelled> examples) {
        TrainingParameters parameters = naiveBayes();
        return new Categorizer(pipeline, cache.models(kind, examples, List.of(parameters),
                () -> List.of(model(pipeline, examples, parameters))));
    }

    /**
     * Naive Bayes: on this data it catches more crisis lines at fewer false alarms than maxent, its
     * probabilities hardly move with the threshold, and it trains faster (see docs/benchmarks.md).
     */
    static Categorizer train(EnglishPipeline pipeline, List<Labelled> examples) {
        return train(pipeline, examples, naiveBayes());
    }

    static TrainingParameters naiveBayes() {
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, NaiveBayesTrainer.NAIVE_BAYES_VALUE);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        return parameters;
    }

    static Categorizer train(EnglishPipeline pipeline, List<Labelled> examples, TrainingParameters parameters) {
        return new Categorizer(pipeline, ModelCache.compact(List.of(model(pipeline, examples, parameters))));
    }

    static DoccatModel model(EnglishPipeline pipeline, List<Labelled> examples, TrainingParameters parameters) {
        List<DocumentSample> samples = new ArrayList<>();
        for (Labelled example : examples) {
            EnglishPipeline.Words words = pipeline.words(example.text());
            samples.add(new DocumentSample(example.label(), words.tokens(),
                    Map.of(TextFeatures.LEMMAS, words.lemmas())));
        }
        try {
            // a copy: the trainer adds its defaults to the parameters, which are part of the cache key
            return DocumentCategorizerME.train("en", new CollectionObjectStream<>(samples),
                    new TrainingParameters(new HashMap<>(parameters.getObjectSettings())),
                    new DoccatFactory(new FeatureGenerator[] {new TextFeatures()}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The most probable label and its probability; on a tie the first in the model's order, as OpenNLP's
     * {@code getBestCategory} chooses (every caller wants only this: no sorted map of every label).
     */
    Map.Entry<String, Double> best(String text) {
        double[] outcomes = probabilities(text);
        int best = 0;
        for (int i = 1; i < outcomes.length; i++) {
            if (outcomes[i] > outcomes[best]) {
                best = i;
            }
        }
        return Map.entry(model.outcome(best), outcomes[best]);
    }

    /** Each outcome's probability ({@link #outcome}), in the model's order. */
    double[] probabilities(String text) {
        EnglishPipeline.Words words = pipeline.words(text);
        // the numbers of the features OpenNLP's categoriser gives the model: TextFeatures alone, with the lemmas, in its order
        return model.eval(TextFeatures.ids(words.tokens(), words.lemmas(), predicates, vocabulary));
    }

    String outcome(int index) {
        return model.outcome(index);
    }

    static List<Labelled> read(ContentFolder content, String file) {
        byte[] data = content.read(file).orElseThrow(() -> new IllegalStateException("Missing " + file));
        List<Labelled> examples = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            if (space < 1) {
                throw new IllegalStateException(file + ": a line without a label and a text");
            }
            examples.add(new Labelled(trimmed.substring(0, space), trimmed.substring(space + 1)));
        }
        return examples;
    }
}
