package org.signpost.bot.understanding;

import java.util.Arrays;

/**
 * A feature's characters put together in one reused buffer and looked up by {@link PredicateIndex#id(char[], int)}:
 * the number {@code id(prefix + word)} gives, without the String. Used for the words the tables made at load do
 * not hold. {@link #wipe} clears what a sentence put in it, so no typed word stays in memory after its turn. Not
 * thread-safe (one per decoder).
 */
final class FeatureKey {

    private char[] chars = new char[64];
    private int length;
    /** How much of the buffer has held characters since the last wipe. */
    private int used;

    FeatureKey start(String prefix) {
        length = 0;
        return append(prefix);
    }

    /** As string concatenation appends it: null as "null". */
    FeatureKey append(String part) {
        String text = String.valueOf(part);
        return append(text, 0, text.length());
    }

    FeatureKey append(char c) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, 2 * chars.length);
        }
        chars[length++] = c;
        used = Math.max(used, length);
        return this;
    }

    /** {@code part.substring(from, to)}. */
    FeatureKey append(String part, int from, int to) {
        int needed = length + to - from;
        if (needed > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(needed, 2 * chars.length));
        }
        part.getChars(from, to, chars, length);
        length = needed;
        used = Math.max(used, length);
        return this;
    }

    int id(PredicateIndex predicates) {
        return predicates.id(chars, length);
    }

    void wipe() {
        Arrays.fill(chars, 0, used, '\0');
        used = 0;
        length = 0;
    }
}
