package org.signpost.bot.understanding;

import java.util.Arrays;
import opennlp.tools.ml.model.Context;

/**
 * Maximum entropy ({@code GISModel.eval} with OpenNLP's uniform prior): the log prior, plus every present
 * predicate's parameters in the order the predicates come, then exp and normalise.
 */
final class CompactMaxent extends CompactModel {

    /** A model with fewer outcomes than this keeps every predicate sparse. */
    private static final int DENSE_OUTCOMES = 16;

    private final double logPrior;
    /**
     * The predicates with parameters for at least half the outcomes (the lemmatiser's "pre=null", in every
     * context, has all 860) also as a full row, zero for the outcomes they lack, added in one sequential
     * pass instead of entry by entry: per outcome the same additions in the same order, and adding 0.0 to
     * a sum leaves it as it is (a sum is never -0.0: it starts at the log prior), so the same bits.
     * {@code denseRow[id]} is the row's start in {@code dense}, or -1; null when no predicate is dense.
     */
    private final int[] denseRow;
    private final double[] dense;
    /** Whether a dense row's number fits {@link #best}'s key (16 bits a row). */
    private final boolean rankable;

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
        this.rankable = rows < 0xFFFF;
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

    /**
     * The outcome {@link #scores} gives the highest score, the first of equal ones, as a full pass finds it, but
     * with the sums worked out only for the outcomes a sparse feature names ({@code named}): every other
     * outcome's sum is the log prior plus the dense rows alone, in their order (adding nothing for a sparse
     * feature that does not name it), which is the same for every token with the same dense rows, so it is
     * worked out once per such set and kept ranked (model numbers only, nothing of a text). The lemmatiser's
     * 860 outcomes are then a few dozen sums a token instead of 860. {@code scores}, {@code named} and
     * {@code marked} are the caller's scratch, of {@link #outcomes()} each; {@code marked} is left all false,
     * {@code scores} holds sums for the named outcomes only.
     */
    int best(int[] ids, int count, double[] scores, int[] named, boolean[] marked) {
        long key = 0;
        int rows = 0;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            int row = id < 0 || denseRow == null ? -1 : denseRow[id];
            if (row >= 0) {
                key = key << 16 | (row / outcomes() + 1);
                rows++;
            }
        }
        Ranked ranked = rows > MOST_DENSE_ROWS || !rankable ? null : ranked(key, ids, count);
        if (ranked == null) {
            scores(ids, count, scores);
            return first(scores);
        }
        int touched = 0;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            if (id >= 0 && (denseRow == null || denseRow[id] < 0)) {
                for (int k = first[id]; k < first[id + 1]; k++) {
                    int o = outcome[k];
                    if (!marked[o]) {
                        marked[o] = true;
                        named[touched++] = o;
                        scores[o] = logPrior;
                    }
                }
            }
        }
        // the named outcomes' sums, each with the same additions in the same order as a full pass
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            if (id < 0) {
                continue;
            }
            int row = denseRow == null ? -1 : denseRow[id];
            if (row >= 0) {
                for (int t = 0; t < touched; t++) {
                    scores[named[t]] += dense[row + named[t]];
                }
            } else {
                for (int k = first[id]; k < first[id + 1]; k++) {
                    scores[outcome[k]] += value[k];
                }
            }
        }
        int best = -1;
        for (int rank = 0; rank < ranked.order.length; rank++) {
            if (!marked[ranked.order[rank]]) {
                best = ranked.order[rank];
                break;
            }
        }
        double bestScore = best < 0 ? Double.NEGATIVE_INFINITY : ranked.base[best];
        for (int t = 0; t < touched; t++) {
            int o = named[t];
            marked[o] = false;
            if (best < 0 || scores[o] > bestScore || scores[o] == bestScore && o < best) {
                best = o;
                bestScore = scores[o];
            }
        }
        return best;
    }

    /** The first index of the highest score, as {@code scores[o] > scores[best]} over all outcomes finds it. */
    static int first(double[] scores) {
        int best = 0;
        for (int o = 1; o < scores.length; o++) {
            if (scores[o] > scores[best]) {
                best = o;
            }
        }
        return best;
    }

    /** At most this many dense rows in one token's features for {@link #best}'s ranking (4 x 16 bits of key). */
    private static final int MOST_DENSE_ROWS = 4;
    /** At most this many sets of dense rows ranked (the lemmatiser meets two); others take the full pass. */
    private static final int MOST_RANKED = 16;

    /** The sums of the log prior and one set of dense rows, in order, and the outcomes by them, highest first. */
    private record Ranked(long key, double[] base, int[] order) {
    }

    private volatile Ranked[] ranked = new Ranked[0];

    /** The ranking for the dense rows among these features (in their order, {@code key}), made at first need. */
    private Ranked ranked(long key, int[] ids, int count) {
        Ranked[] known = ranked;
        for (Ranked each : known) {
            if (each.key == key) {
                return each;
            }
        }
        if (known.length >= MOST_RANKED) {
            return null;
        }
        int outcomes = outcomes();
        double[] base = new double[outcomes];
        Arrays.fill(base, logPrior);
        for (int i = 0; i < count; i++) {
            int row = ids[i] < 0 || denseRow == null ? -1 : denseRow[ids[i]];
            if (row >= 0) {
                for (int o = 0; o < outcomes; o++) {
                    base[o] += dense[row + o];
                }
            }
        }
        int[] order = java.util.stream.IntStream.range(0, outcomes).boxed()
                .sorted((a, b) -> base[a] > base[b] ? -1 : base[a] < base[b] ? 1 : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        Ranked made = new Ranked(key, base, order);
        synchronized (this) {
            Ranked[] now = ranked;
            for (Ranked each : now) {
                if (each.key == key) {
                    return each;
                }
            }
            if (now.length < MOST_RANKED) {
                Ranked[] more = Arrays.copyOf(now, now.length + 1);
                more[now.length] = made;
                ranked = more;
            }
        }
        return made;
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
