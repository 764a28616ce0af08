package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * AssertJ's {@code containsExactly} for the equivalence tests' millions of arrays, compared with
 * {@link Arrays#equals} first: AssertJ's diff of two arrays costs many times the comparison, and a description is
 * built only for a difference, which then fails through AssertJ with its usual message.
 */
final class Same {

    private Same() {
    }

    static void ints(int[] actual, int[] expected, Supplier<String> description) {
        if (actual == null || !Arrays.equals(actual, expected)) {
            assertThat(actual).as(description.get()).containsExactly(expected);
        }
    }

    /** The first {@code count} numbers of {@code buffer}. */
    static void ints(int[] buffer, int count, int[] expected, Supplier<String> description) {
        if (!Arrays.equals(buffer, 0, count, expected, 0, expected.length)) {
            assertThat(Arrays.copyOf(buffer, count)).as(description.get()).containsExactly(expected);
        }
    }

    static <T> void elements(T[] actual, T[] expected, Supplier<String> description) {
        if (actual == null || !Arrays.equals(actual, expected)) {
            assertThat(actual).as(description.get()).containsExactly(expected);
        }
    }
}
