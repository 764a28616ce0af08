package org.signpost.bot.understanding;

import opennlp.tools.ml.model.Context;

/**
 * Maximum entropy ({@code GISModel.eval} with OpenNLP's uniform prior): the log prior, plus every present
 * predicate's parameters in the order the predicates come, then exp and normalise.
 */
final class CompactMaxent extends CompactModel {

    /** A model with fewer outcomes than this keeps every predicate sparse. */
    private static final int DENSE_OUTCOMES = 16;

    final double logPrior;
    /**
     * The predicates with parameters for at least half the outcomes (the lemmatiser's "pre=null", in every
     * context, has all 860) also as a full row, zero for the outcomes they lack, added in one sequential
     * pass instead of entry by entry: per outcome the same additions in the same order, and adding 0.0 to
     * a sum leaves it as it is (a sum is never -0.0: it starts at the log prior), so the same bits.
     * {@code denseRow[id]} is the row's start in {@code dense}, or -1; null when no predicate is dense.
     * LemmatiserBest reads them too.
     */
    final int[] denseRow;
    final double[] dense;

    CompactMaxent(String[] outcomes, int[] first, short[] outcome, double[] value) {
        super(outcomes, first, outcome, value);
        this.logPrior = StrictMath.log(1.0 / outcomes.length);
        int n = outcomes.length;
        int predicates = first.length - 1;
        int rows = 0;
        int[] denseRow = new int[predicates];
        for (int id = 0; id < predicates; id++) {
            denseRow[id] = -1;
            if (n >= DENSE_OUTCOMES && 2 * (first[id + 1] - first[id]) >= n && distinctOutcomes(id)) {
                denseRow[id] = n * rows++;
            }
        }
        this.denseRow = rows == 0 ? null : denseRow;
        this.dense = new double[n * rows];
        for (int id = 0; rows > 0 && id < predicates; id++) {
            for (int k = first[id]; denseRow[id] >= 0 && k < first[id + 1]; k++) {
                dense[denseRow[id] + outcome[k]] = value[k];
            }
        }
    }

    /** A predicate naming an outcome twice would add twice: it stays sparse. */
    private boolean distinctOutcomes(int id) {
        boolean[] seen = new boolean[outcomes()];
        for (int k = first[id]; k < first[id + 1]; k++) {
            if (seen[outcome[k]]) {
                return false;
            }
            seen[outcome[k]] = true;
        }
        return true;
    }

    static CompactMaxent of(String[] outcomes, Context[] byId) {
        int[] first = new int[byId.length + 1];
        for (int id = 0; id < byId.length; id++) {
            first[id + 1] = first[id] + (byId[id] == null ? 0 : byId[id].getOutcomes().length);
        }
        short[] outcome = new short[first[byId.length]];
        double[] value = new double[outcome.length];
        for (int id = 0; id < byId.length; id++) {
            if (byId[id] != null) {
                int[] outcomesOf = byId[id].getOutcomes();
                double[] parameters = byId[id].getParameters();
                for (int k = 0; k < outcomesOf.length; k++) {
                    outcome[first[id] + k] = (short) outcomesOf[k];
                    value[first[id] + k] = parameters[k];
                }
            }
        }
        return new CompactMaxent(outcomes, first, outcome, value);
    }

    @Override
    void eval(int[] ids, double[] out) {
        scores(ids, out);
        probabilities(out);
    }

    /**
     * The log-linear sums before exp and normalising: exp is increasing, so the largest sum is the most
     * probable outcome, and the lemmatiser's 860 exps per token are saved for a reader of the best one.
     */
    @Override
    void scores(int[] ids, double[] out) {
        scores(ids, ids.length, out);
    }

    @Override
    void scores(int[] ids, int count, double[] out) {
        int outcomes = outcomes();
        for (int o = 0; o < outcomes; o++) {
            out[o] = logPrior;
        }
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            if (id < 0) {
                continue;
            }
            int row = denseRow == null ? -1 : denseRow[id];
            if (row >= 0) {
                for (int o = 0; o < outcomes; o++) {
                    out[o] += dense[row + o];
                }
            } else {
                for (int k = first[id]; k < first[id + 1]; k++) {
                    out[outcome[k]] += value[k];
                }
            }
        }
    }

    @Override
    void probabilities(double[] out) {
        int outcomes = outcomes();
        double normal = 0.0;
        for (int o = 0; o < outcomes; o++) {
            out[o] = StrictMath.exp(out[o]);
            normal += out[o];
        }
        for (int o = 0; o < outcomes; o++) {
            out[o] /= normal;
        }
    }
}
