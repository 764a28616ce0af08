package org.signpost.bot.understanding;

import java.util.List;
import java.util.function.Function;

/**
 * A fixed-width row of ints per word of a model's vocabulary (the numbers of that word's features), found by
 * the word: one lookup instead of one per feature. Built at load from the model's own predicates, so it holds
 * none of the words users type. Thread-safe once built.
 */
final class WordTable {

    static final int ABSENT = -1;

    private final String[] keys;
    /** Where the word in the same slot of {@link #keys} starts in {@link #values}. */
    private final int[] starts;
    final int[] values;
    final int width;

    /** A row per word (each given once), {@code row.apply(word)} of {@code width} ints. */
    WordTable(List<String> words, int width, Function<String, int[]> row) {
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(2 * words.size()));
        this.keys = new String[1 << bits];
        this.starts = new int[1 << bits];
        this.values = new int[words.size() * width];
        this.width = width;
        int next = 0;
        for (String word : words) {
            int[] ints = row.apply(word);
            if (ints.length != width) {
                throw new IllegalStateException("A row of another width");
            }
            int slot = slot(word);
            while (keys[slot] != null) {
                if (keys[slot].equals(word)) {
                    throw new IllegalStateException("A word given twice");
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            keys[slot] = word;
            starts[slot] = next;
            System.arraycopy(ints, 0, values, next, width);
            next += width;
        }
    }

    /** Where the word's row starts in {@link #values}, or {@link #ABSENT}. */
    int row(String word) {
        for (int slot = slot(word); keys[slot] != null; slot = (slot + 1) & (keys.length - 1)) {
            if (keys[slot].equals(word)) {
                return starts[slot];
            }
        }
        return ABSENT;
    }

    int size() {
        return values.length / width;
    }

    private int slot(String word) {
        return (word.hashCode() * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(keys.length - 1);
    }
}
