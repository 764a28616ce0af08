package org.signpost.bot.understanding;

import java.util.Arrays;
import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * One trained OpenNLP model (maximum entropy or naive Bayes) in primitive arrays over a {@link PredicateIndex},
 * evaluated with OpenNLP's own arithmetic in OpenNLP's order ({@code GISModel.eval}, {@code NaiveBayesModel.eval}
 * and {@code LogProbabilities} of opennlp-tools 2.5), so that every probability is bit for bit the one OpenNLP
 * gives (CompactModelTests). OpenNLP keeps a map entry, a context object and two arrays per predicate; here a
 * predicate's parameters are a slice of two shared arrays. The kinds: CompactMaxent, CompactNaiveBayes; the file
 * form: CompactModelFile. Thread-safe.
 */
abstract sealed class CompactModel permits CompactMaxent, CompactNaiveBayes {

    private final String[] outcomes;
    /** A predicate's entries are {@code [first[id], first[id + 1])}. */
    final int[] first;
    final short[] outcome;
    final double[] value;

    CompactModel(String[] outcomes, int[] first, short[] outcome, double[] value) {
        this.outcomes = outcomes;
        this.first = first;
        this.outcome = outcome;
        this.value = value;
    }

    /** The model's parameters over the index's numbering (which must hold every predicate of the model). */
    static CompactModel of(MaxentModel model, PredicateIndex index) {
        AbstractModel opennlp = (AbstractModel) model;
        Object[] data = opennlp.getDataStructures();
        Context[] parameters = (Context[]) data[0];
        @SuppressWarnings("unchecked")
        Map<String, Context> predicates = (Map<String, Context>) data[1];
        String[] outcomes = ((String[]) data[2]).clone();
        if (outcomes.length > Short.MAX_VALUE) {
            throw new IllegalStateException("Too many outcomes for a compact model");
        }
        Context[] byId = new Context[index.size()];
        predicates.forEach((predicate, context) -> byId[index.id(predicate)] = context);
        return switch (opennlp.getModelType()) {
            case Maxent -> CompactMaxent.of(outcomes, byId);
            case NaiveBayes -> CompactNaiveBayes.of(outcomes, byId, parameters);
            default -> throw new IllegalStateException("Not a maxent or naive Bayes model: " + opennlp.getModelType());
        };
    }

    int outcomes() {
        return outcomes.length;
    }

    String outcome(int index) {
        return outcomes[index];
    }

    /** Each outcome's probability given the predicates' numbers ({@link PredicateIndex#ids}), into {@code out}. */
    abstract void eval(int[] ids, double[] out);

    /**
     * A score per outcome into {@code out}, ordered as the probabilities are (a higher score, a higher
     * probability), for a reader that wants only the best outcome; {@link #probabilities} turns them into
     * {@link #eval}'s probabilities, bit for bit.
     */
    void scores(int[] ids, double[] out) {
        eval(ids, out);
    }

    /** {@link #scores} of the first {@code count} numbers. */
    void scores(int[] ids, int count, double[] out) {
        scores(Arrays.copyOf(ids, count), out);
    }

    /** The scores of {@link #scores}, made {@link #eval}'s probabilities in place. */
    void probabilities(double[] scores) {
    }

    double[] eval(int[] ids) {
        double[] out = new double[outcomes.length];
        eval(ids, out);
        return out;
    }
}
