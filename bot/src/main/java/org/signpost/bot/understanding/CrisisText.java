package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the crisis check reads of a message: its sentences as lower-case tokens (apostrophes dropped, so
 * "can't" and "cant" agree), with a bound on the cost. The first {@link #FULL_CHARACTERS} characters are read
 * whole; beyond them, every {@link #SAMPLE_EVERY}th sentence is read, up to {@link #MAX_SENTENCES} sentences in
 * all, and nothing past {@link #MAX_CHARACTERS}: a very long message costs at most a few milliseconds, and a
 * risk sentence late in a long message still has a fair chance of being read.
 */
final class CrisisText {

    static final int FULL_CHARACTERS = 2_000;
    static final int SAMPLE_EVERY = 3;
    static final int MAX_SENTENCES = 80;
    static final int MAX_CHARACTERS = 20_000;

    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Symbols inside a word stand for letters ("sh*t", "f**k"): the word stays one word. */
    private static final Pattern MASKED = Pattern.compile("(?<=\\p{L})[*#@!$%]+(?=\\p{L})");

    private CrisisText() {
    }

    /** The sentences to read, in order, each as its tokens; sentences without a word are left out. */
    static List<String[]> sentences(String text, EnglishPipeline pipeline) {
        List<String[]> read = new ArrayList<>();
        int offset = 0;
        int beyond = 0;
        String bounded = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
        for (String line : bounded.split("\\R+")) {
            for (String sentence : pipeline.sentences(line)) {
                boolean whole = offset < FULL_CHARACTERS;
                offset += sentence.length() + 1;
                if (!whole && beyond++ % SAMPLE_EVERY != 0) {
                    continue;
                }
                String[] tokens = tokens(sentence);
                if (tokens.length > 0) {
                    read.add(tokens);
                }
                if (read.size() >= MAX_SENTENCES) {
                    return read;
                }
            }
        }
        return read;
    }

    static String[] tokens(String text) {
        String lower = MASKED.matcher(APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll("");
        String stripped = NOT_WORDS.matcher(lower).replaceAll(" ").strip();
        return stripped.isEmpty() ? new String[0] : stripped.split(" ");
    }
}
