package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.naivebayes.NaiveBayesTrainer;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * The statistical part of the crisis check: two OpenNLP categorisers over one sentence's words, naive Bayes
 * and maximum entropy, that must agree. Measured on the development set (docs/benchmarks.md), naive Bayes
 * alone catches short phrasings well but flags a third of long real-world posts about ordinary troubles;
 * maxent alone is the reverse; a sentence counts only as far as both find it likely (the lower probability).
 */
final class CrisisModel {

    static {
        // OpenNLP re-creates a model's feature generators by class name, only from allowed packages
        ExtensionLoader.registerAllowedPackage(CrisisFeatures.class.getPackageName());
    }

    static final String NAIVE_BAYES = "crisis-naive-bayes";
    static final String MAXENT = "crisis-maxent";

    /** The probability that a sentence is not ordinary, and the crisis category it leans to most. */
    record Score(double crisis, String category) {
    }

    private final ThreadLocal<DocumentCategorizerME> naiveBayes;
    private final ThreadLocal<DocumentCategorizerME> maxent;

    CrisisModel(DoccatModel naiveBayes, DoccatModel maxent) {
        // a categoriser keeps per-call state: one per thread, over the shared models
        this.naiveBayes = ThreadLocal.withInitial(() -> new DocumentCategorizerME(naiveBayes));
        this.maxent = ThreadLocal.withInitial(() -> new DocumentCategorizerME(maxent));
    }

    /** The cached models for these examples, or newly trained ones. */
    static CrisisModel cached(ModelCache cache, List<Categorizer.Labelled> examples) {
        TrainingParameters bayes = parameters(NaiveBayesTrainer.NAIVE_BAYES_VALUE);
        TrainingParameters entropy = parameters(GISTrainer.MAXENT_VALUE);
        return new CrisisModel(cache.model(NAIVE_BAYES, examples, bayes, () -> train(examples, bayes)),
                cache.model(MAXENT, examples, entropy, () -> train(examples, entropy)));
    }

    /** What a model is trained with; part of the cache key, so a change here retrains. */
    static TrainingParameters parameters(String algorithm) {
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 100);
        return parameters;
    }

    static DoccatModel train(List<Categorizer.Labelled> examples, TrainingParameters parameters) {
        List<DocumentSample> samples = new ArrayList<>();
        for (Categorizer.Labelled example : examples) {
            samples.add(new DocumentSample(example.label(), CrisisText.tokens(example.text())));
        }
        try {
            // a copy: the trainer adds its defaults to the parameters, which are part of the cache key
            return DocumentCategorizerME.train("en", new CollectionObjectStream<>(samples),
                    new TrainingParameters(new HashMap<>(parameters.getObjectSettings())),
                    new DoccatFactory(new FeatureGenerator[] {new CrisisFeatures()}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Score score(String[] tokens) {
        Score bayes = score(naiveBayes.get(), tokens);
        Score entropy = score(maxent.get(), tokens);
        return new Score(Math.min(bayes.crisis(), entropy.crisis()), bayes.category());
    }

    private static Score score(DocumentCategorizerME categorizer, String[] tokens) {
        double[] outcomes = categorizer.categorize(tokens, Map.of());
        double ordinary = 0;
        String best = null;
        double bestScore = -1;
        for (int i = 0; i < outcomes.length; i++) {
            String label = categorizer.getCategory(i);
            if (label.equals(OpenNlpCrisisDetector.ORDINARY)) {
                ordinary = outcomes[i];
            } else if (outcomes[i] > bestScore) {
                bestScore = outcomes[i];
                best = label;
            }
        }
        return new Score(1 - ordinary, best);
    }
}
