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
 * Trained with OpenNLP, evaluated in their compact form (CompactModel: the same probabilities, bit for bit).
 */
final class CrisisModel {

    static {
        // OpenNLP re-creates a model's feature generators by class name, only from allowed packages
        ExtensionLoader.registerAllowedPackage(CrisisFeatures.class.getPackageName());
    }

    /** The two models' kind in the model cache: one file, one predicate index for both. */
    static final String KIND = "crisis";
    static final String NAIVE_BAYES = "crisis-naive-bayes";
    static final String MAXENT = "crisis-maxent";

    /** The probability that a sentence is not ordinary, and the crisis category it leans to most. */
    record Score(double crisis, String category) {
    }

    private final PredicateIndex predicates;
    private final CompactModel naiveBayes;
    private final CompactModel maxent;

    /** Naive Bayes first, then maxent, over one index. */
    CrisisModel(CompactModels models) {
        this.predicates = models.predicates();
        this.naiveBayes = models.model(0);
        this.maxent = models.model(1);
    }

    /** The cached models for these examples, or newly trained ones. */
    static CrisisModel cached(ModelCache cache, List<Categorizer.Labelled> examples) {
        return new CrisisModel(cache.models(KIND, examples, parameters(), () -> train(examples)));
    }

    /** Naive Bayes, then maxent. */
    static List<TrainingParameters> parameters() {
        return List.of(parameters(NaiveBayesTrainer.NAIVE_BAYES_VALUE), parameters(GISTrainer.MAXENT_VALUE));
    }

    static List<DoccatModel> train(List<Categorizer.Labelled> examples) {
        return parameters().stream().map(each -> train(examples, each)).toList();
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
        double[][] probabilities = probabilities(tokens);
        Score bayes = score(naiveBayes, probabilities[0]);
        Score entropy = score(maxent, probabilities[1]);
        return new Score(Math.min(bayes.crisis(), entropy.crisis()), bayes.category());
    }

    /** Naive Bayes's and maxent's probability of each outcome ({@link #outcome}) for a sentence's tokens. */
    double[][] probabilities(String[] tokens) {
        // the features OpenNLP's categoriser would give the models (CrisisFeatures alone), numbered once for both
        int[] ids = CrisisFeatures.ids(tokens, predicates);
        return new double[][] {naiveBayes.eval(ids), maxent.eval(ids)};
    }

    /** The name of outcome {@code index} of naive Bayes (0) or maxent (1). */
    String outcome(int model, int index) {
        return (model == 0 ? naiveBayes : maxent).outcome(index);
    }

    private static Score score(CompactModel model, double[] outcomes) {
        double ordinary = 0;
        String best = null;
        double bestScore = -1;
        for (int i = 0; i < outcomes.length; i++) {
            String label = model.outcome(i);
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
