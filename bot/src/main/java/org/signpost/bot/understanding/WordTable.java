package org.signpost.bot.understanding;

import java.util.List;
import java.util.function.Function;

/**
 * A fixed-width row of ints per word of a model's vocabulary (the numbers of that word's features), found by
 * the word: one lookup instead of one per feature. Built at load from the model's own predicates, so it holds
 * none of the words users type. Thread-safe once built.
 *
 * <p>A look-up reads one slot (the word's hash, length, row and where its characters are, 16 bytes in one cache line)
 * and then those characters, in one array: two places in memory. A table of String keys read the key's reference, its
 * String and its bytes, then the row's start in another array (under load each is likely a cache miss).
 */
final class WordTable {

    static final int ABSENT = -1;
    private static final int SLOT = 4;
    private static final int HASH = 0;
    private static final int LENGTH = 1;
    private static final int ROW = 2;
    /** Where the word's characters start in {@link #chars}, plus one: 0 marks an empty slot. */
    private static final int CHARS = 3;

    /** {@link #SLOT} ints a slot; a power of two of slots, at most half full. */
    private final int[] slots;
    private final int mask;
    private final int shift;
    /** Every word's characters, one after another. */
    private final char[] chars;
    final int[] values;
    final int width;

    /** A row per word (each given once), {@code row.apply(word)} of {@code width} ints. */
    WordTable(List<String> words, int width, Function<String, int[]> row) {
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(2 * words.size()));
        this.slots = new int[SLOT << bits];
        this.mask = (1 << bits) - 1;
        this.shift = 32 - bits;
        long total = 0;
        for (String word : words) {
            total += word.length();
        }
        if (total >= Integer.MAX_VALUE) {
            throw new IllegalStateException("Too many characters");
        }
        this.chars = new char[(int) total];
        this.values = new int[words.size() * width];
        this.width = width;
        int next = 0;
        int at = 0;
        for (String word : words) {
            int[] ints = row.apply(word);
            if (ints.length != width) {
                throw new IllegalStateException("A row of another width");
            }
            if (row(word) != ABSENT) {
                throw new IllegalStateException("A word given twice");
            }
            int hash = word.hashCode();
            int slot = slot(hash);
            while (slots[SLOT * slot + CHARS] != 0) {
                slot = (slot + 1) & mask;
            }
            word.getChars(0, word.length(), chars, at);
            slots[SLOT * slot + HASH] = hash;
            slots[SLOT * slot + LENGTH] = word.length();
            slots[SLOT * slot + ROW] = next;
            slots[SLOT * slot + CHARS] = at + 1;
            at += word.length();
            System.arraycopy(ints, 0, values, next, width);
            next += width;
        }
    }

    /** Where the word's row starts in {@link #values}, or {@link #ABSENT}. */
    int row(String word) {
        int hash = word.hashCode();
        int length = word.length();
        for (int slot = slot(hash);; slot = (slot + 1) & mask) {
            int i = SLOT * slot;
            int at = slots[i + CHARS] - 1;
            if (at < 0) {
                return ABSENT;
            }
            if (slots[i + HASH] == hash && slots[i + LENGTH] == length && same(word, length, at)) {
                return slots[i + ROW];
            }
        }
    }

    private boolean same(String word, int length, int at) {
        for (int k = 0; k < length; k++) {
            if (chars[at + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return values.length / width;
    }

    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }
}
