package org.signpost.bot.understanding;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The lemmatiser's last outcomes by a key of model numbers only (LemmaIds#memoKey: a word of the model's own
 * vocabulary, a tag, the previous edit script), so a word seen again in the same place skips its features and
 * the model: the same outcome, since a step's features are a function of that key (LemmaIds). Holds no text and
 * nothing of a person or a message, only which vocabulary words have come with which tag lately. Fixed size, a
 * key per slot (a new key overwrites): a race costs a recomputation, never a wrong outcome, as key and outcome
 * are one atomic long. Thread-safe.
 */
final class OutcomeMemo {

    static final int ABSENT = -1;
    private static final int OUTCOME_BITS = 12;
    private static final long OUTCOME_MASK = (1L << OUTCOME_BITS) - 1;
    /** Keys must leave room for the outcome (and the +1 that marks a slot used). */
    static final long MOST_KEYS = 1L << (63 - OUTCOME_BITS);
    static final int MOST_OUTCOMES = 1 << OUTCOME_BITS;

    private final AtomicLongArray slots;
    private final int shift;

    /** {@code slots} a power of two. */
    OutcomeMemo(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("Slots must be a power of two");
        }
        this.slots = new AtomicLongArray(slots);
        this.shift = 64 - Integer.numberOfTrailingZeros(slots);
    }

    /** The outcome last put for this key, or {@link #ABSENT}. */
    int get(long key) {
        long slot = slots.getOpaque(slot(key));
        return slot >>> OUTCOME_BITS == key + 1 ? (int) (slot & OUTCOME_MASK) : ABSENT;
    }

    void put(long key, int outcome) {
        slots.setOpaque(slot(key), (key + 1) << OUTCOME_BITS | outcome);
    }

    private int slot(long key) {
        return shift == 64 ? 0 : (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
