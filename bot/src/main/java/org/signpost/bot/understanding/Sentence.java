package org.signpost.bot.understanding;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** A sentence's tokens and the set of them, made once for all the phrase net's rules. */
record Sentence(String[] tokens, Set<String> present) {

    static Sentence of(String[] tokens) {
        return new Sentence(tokens, new HashSet<>(Arrays.asList(tokens)));
    }
}
