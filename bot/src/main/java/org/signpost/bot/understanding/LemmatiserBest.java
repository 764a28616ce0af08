package org.signpost.bot.understanding;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A maxent model's best outcome, the one a full pass over every outcome's sum finds (the first of equal ones),
 * with the sums worked out only for the outcomes a sparse feature names: every other outcome's sum is the log
 * prior plus the dense rows alone, in their order (adding nothing for a sparse feature that does not name it),
 * which is the same for every token with the same dense rows, so it is worked out once per such set and kept
 * ranked (model numbers only, nothing of a text). The lemmatiser's 860 outcomes are then a few dozen sums a token
 * instead of 860 (LemmatiserBestTests). For a reader whose validator takes every outcome. Thread-safe; one per
 * model, so that its rankings are made once.
 */
final class LemmatiserBest {

    /** At most this many dense rows in one token's features for {@link #best}'s ranking (4 x 16 bits of key). */
    private static final int MOST_DENSE_ROWS = 4;
    /** At most this many sets of dense rows ranked (the lemmatiser meets two); others take the full pass. */
    private static final int MOST_RANKED = 16;

    /** The sums of the log prior and one set of dense rows, in order, and the outcomes by them, highest first. */
    private record Ranked(long key, double[] base, int[] order) {
    }

    private final CompactMaxent model;
    private final int outcomes;
    private final double logPrior;
    private final int[] first;
    private final short[] outcome;
    private final double[] value;
    /** The model's dense rows ({@link CompactMaxent#denseRow}). */
    private final int[] denseRow;
    private final double[] dense;
    /** Whether a dense row's number fits {@link #best}'s key (16 bits a row). */
    private final boolean rankable;
    private volatile Ranked[] ranked = new Ranked[0];

    LemmatiserBest(CompactMaxent model) {
        this.model = model;
        this.outcomes = model.outcomes();
        this.logPrior = model.logPrior;
        this.first = model.first;
        this.outcome = model.outcome;
        this.value = model.value;
        this.denseRow = model.denseRow;
        this.dense = model.dense;
        this.rankable = (denseRow == null ? 0 : dense.length / outcomes) < 0xFFFF;
    }

    /**
     * The outcome {@link CompactMaxent#scores} gives the highest score, the first of equal ones. {@code scores},
     * {@code named} and {@code marked} are the caller's scratch, of the model's outcomes each; {@code marked} is
     * left all false, {@code scores} holds sums for the named outcomes only.
     */
    int best(int[] ids, int count, double[] scores, int[] named, boolean[] marked) {
        long key = 0;
        int rows = 0;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            int row = id < 0 || denseRow == null ? -1 : denseRow[id];
            if (row >= 0) {
                key = key << 16 | (row / outcomes + 1);
                rows++;
            }
        }
        Ranked ranked = rows > MOST_DENSE_ROWS || !rankable ? null : ranked(key, ids, count);
        if (ranked == null) {
            model.scores(ids, count, scores);
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
        int[] order = IntStream.range(0, outcomes).boxed()
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
}
