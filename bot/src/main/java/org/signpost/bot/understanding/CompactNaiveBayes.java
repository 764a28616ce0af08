package org.signpost.bot.understanding;

import java.util.Arrays;
import opennlp.tools.ml.model.Context;

/**
 * Naive Bayes ({@code NaiveBayesModel.eval} over {@code LogProbabilities}): for every present predicate, in
 * the order the predicates come, each outcome's log of the Lidstone-smoothed probability is added, for the
 * outcomes OpenNLP's loop visits (it stops after the predicate's last outcome); then each outcome's log
 * prior; then exp of each minus the largest, normalised. The logs depend only on the model, so they are
 * worked out once: {@code value} holds those of a predicate's non-zero counts, {@code unseen} an outcome's
 * for a zero count.
 */
final class CompactNaiveBayes extends CompactModel {

    /** OpenNLP's Lidstone smoothing constant. */
    private static final double DELTA = 0.05;

    /** How many outcomes OpenNLP's loop visits for a predicate (0 when the model lacks it). */
    final short[] visited;
    final double[] unseen;
    final double[] logPrior;

    CompactNaiveBayes(String[] outcomes, int[] first, short[] outcome, double[] value, short[] visited,
            double[] unseen, double[] logPrior) {
        super(outcomes, first, outcome, value);
        this.visited = visited;
        this.unseen = unseen;
        this.logPrior = logPrior;
    }

    static CompactNaiveBayes of(String[] outcomes, Context[] byId, Context[] parameters) {
        int n = outcomes.length;
        // as NaiveBayesModel.initOutcomeTotals adds them up, in the model's order
        double[] totals = new double[n];
        for (Context context : parameters) {
            for (int j = 0; j < context.getOutcomes().length; ++j) {
                totals[context.getOutcomes()[j]] += context.getParameters()[j];
            }
        }
        long vocabulary = parameters.length;
        double[] unseen = new double[n];
        for (int o = 0; o < n; o++) {
            unseen[o] = StrictMath.log(smoothed(0, totals[o], vocabulary));
        }
        double total = 0;
        for (double outcomeTotal : totals) {
            total += outcomeTotal;
        }
        double[] logPrior = new double[n];
        for (int o = 0; o < n; o++) {
            logPrior[o] = StrictMath.log(totals[o] / total);
        }
        short[] visited = new short[byId.length];
        int[] first = new int[byId.length + 1];
        short[] outcome = new short[count(byId)];
        double[] value = new double[outcome.length];
        int k = 0;
        for (int id = 0; id < byId.length; id++) {
            first[id] = k;
            if (byId[id] == null) {
                continue;
            }
            int[] active = byId[id].getOutcomes();
            double[] counts = byId[id].getParameters();
            int ai = 0;
            int o = 0;
            // NaiveBayesModel.eval's loop, walked once
            for (; o < n && ai < active.length; ++o) {
                if (active[ai] == o) {
                    double numerator = counts[ai++];
                    if (numerator != 0) {
                        outcome[k] = (short) o;
                        value[k++] = StrictMath.log(smoothed(numerator, totals[o], vocabulary));
                    }
                }
            }
            visited[id] = (short) o;
        }
        first[byId.length] = k;
        return new CompactNaiveBayes(outcomes, first, Arrays.copyOf(outcome, k),
                Arrays.copyOf(value, k), visited, unseen, logPrior);
    }

    private static int count(Context[] byId) {
        int count = 0;
        for (Context context : byId) {
            count += context == null ? 0 : context.getOutcomes().length;
        }
        return count;
    }

    /** NaiveBayesModel.getSmoothedProbability, the vocabulary passed as a double as there. */
    private static double smoothed(double numerator, double denominator, double vocabulary) {
        return (numerator + DELTA) / (denominator + DELTA * vocabulary);
    }

    @Override
    void eval(int[] ids, double[] out) {
        int outcomes = outcomes();
        double[] log = new double[outcomes];
        for (int id : ids) {
            if (id >= 0) {
                int k = first[id];
                int end = first[id + 1];
                for (int o = 0; o < visited[id]; o++) {
                    log[o] = log[o] + (k < end && outcome[k] == o ? value[k++] : unseen[o]);
                }
            }
        }
        for (int o = 0; o < outcomes; o++) {
            log[o] = log[o] + logPrior[o];
        }
        // LogProbabilities.normalize: over the outcomes in order (its HashMap of small Integers keeps them so)
        double highest = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < outcomes; o++) {
            if (log[o] > highest) {
                highest = log[o];
            }
        }
        double sum = 0;
        for (int o = 0; o < outcomes; o++) {
            double p = StrictMath.exp(log[o] - highest);
            if (Double.isNaN(p)) {
                out[o] = 0.0;
                log[o] = Double.NaN;
            } else {
                sum += p;
                out[o] = p;
            }
        }
        for (int o = 0; o < outcomes; o++) {
            if (!Double.isNaN(log[o]) && sum > Double.MIN_VALUE) {
                out[o] = out[o] / sum;
            }
        }
    }
}
