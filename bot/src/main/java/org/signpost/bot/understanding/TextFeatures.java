package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * What the categorisers see of a text: words, lemmas ("felt" and "feeling" meet at "feel"), word pairs,
 * and character trigrams of each word, so that a misspelt word ("anymor", "cant") still shares most of
 * its features with the word it means; and each emoji of a token that is not a word, without its skin tone or
 * presentation ("👍🏽" as "👍"), and a few typed faces as the emoji they stand for (":(" as "🙁"): an emoji sent alone
 * had no feature at all. Public only because OpenNLP instantiates it by class name.
 */
public final class TextFeatures implements FeatureGenerator {

    static final String LEMMAS = "lemmas";
    static final String EMOJI = "e=";
    /** Typed faces, lower-cased as tokens are, and the emoji each stands for. */
    private static final Map<String, String> FACES = Map.of(":(", "🙁", ":-(", "🙁", ":((", "🙁", ":(((", "🙁",
            ":)", "🙂", ":-)", "🙂", ":d", "😀", ":-d", "😀", "<3", "❤");

    public TextFeatures() {
        // OpenNLP needs a public no-argument constructor
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        String[] lemmas = (String[]) extraInformation.getOrDefault(LEMMAS, tokens);
        List<String> features = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isBlank()) {
                continue;
            }
            if (!Character.isLetterOrDigit(token.charAt(0))) {
                emoji(token, emoji -> features.add(EMOJI + emoji));
                continue;
            }
            features.add("w=" + token);
            if (!lemmas[i].equals(token)) {
                features.add("l=" + lemmas[i]);
            }
            if (i + 1 < tokens.length) {
                features.add("b=" + token + "_" + tokens[i + 1]);
            }
            String padded = "<" + token + ">";
            for (int start = 0; start + 3 <= padded.length(); start++) {
                features.add("c=" + padded.substring(start, start + 3));
            }
        }
        return features;
    }

    /**
     * The numbers of each word of a categoriser's vocabulary (its "w=" predicates): its w= feature and its
     * trigrams (as many as its characters), made at load from the model's own predicates, so a known token costs
     * one look-up instead of one per trigram and it holds none of the words people type. Thread-safe once made.
     */
    static final class Vocabulary {

        private static final int WORD = 0;
        private static final int TRIGRAMS = 1;

        private final WordTable words;
        private final int[] trigrams;

        private Vocabulary(WordTable words, int[] trigrams) {
            this.words = words;
            this.trigrams = trigrams;
        }

        static Vocabulary of(PredicateIndex predicates) {
            List<String> words = new ArrayList<>();
            int total = 0;
            for (int id = 0; id < predicates.size(); id++) {
                String predicate = predicates.predicate(id);
                if (predicate.startsWith("w=")) {
                    words.add(predicate.substring(2));
                    total += predicate.length() - 2;
                }
            }
            int[] trigrams = new int[total];
            int[] next = {0};
            FeatureKey key = new FeatureKey();
            WordTable table = new WordTable(words, 2, word -> {
                int[] row = {predicates.id("w=" + word), next[0]};
                next[0] = trigrams(word, key, predicates, trigrams, next[0]);
                return row;
            });
            return new Vocabulary(table, trigrams);
        }
    }

    /** {@code predicates.ids} of {@link #extractFeatures}' strings with these lemmas, in their order (FeatureIdsTests). */
    static int[] ids(String[] tokens, String[] lemmas, PredicateIndex predicates) {
        return ids(tokens, lemmas, predicates, null);
    }

    /**
     * {@code predicates.ids} of {@link #extractFeatures}' strings with these lemmas, in their order, without
     * making the strings: a token of the vocabulary's (made over these predicates) from its row, any other through
     * a reused buffer (FeatureIdsTests).
     */
    static int[] ids(String[] tokens, String[] lemmas, PredicateIndex predicates, Vocabulary vocabulary) {
        int most = 0;
        for (String token : tokens) {
            most += 3 + token.length();
        }
        int[] ids = new int[most];
        int n = 0;
        FeatureKey key = new FeatureKey();
        try {
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.isBlank()) {
                    continue;
                }
                if (!Character.isLetterOrDigit(token.charAt(0))) {
                    int[] at = {n};
                    emoji(token, emoji -> ids[at[0]++] = key.start(EMOJI).append(emoji).id(predicates));
                    n = at[0];
                    continue;
                }
                int row = vocabulary == null ? WordTable.ABSENT : vocabulary.words.row(token);
                ids[n++] = row >= 0 ? vocabulary.words.values[row + Vocabulary.WORD]
                        : key.start("w=").append(token).id(predicates);
                if (!lemmas[i].equals(token)) {
                    ids[n++] = key.start("l=").append(lemmas[i]).id(predicates);
                }
                if (i + 1 < tokens.length) {
                    ids[n++] = key.start("b=").append(token).append("_").append(tokens[i + 1]).id(predicates);
                }
                if (row >= 0) {
                    System.arraycopy(vocabulary.trigrams, vocabulary.words.values[row + Vocabulary.TRIGRAMS], ids, n,
                            token.length());
                    n += token.length();
                } else {
                    n = trigrams(token, key, predicates, ids, n);
                }
            }
        } finally {
            key.wipe();
        }
        return Arrays.copyOf(ids, n);
    }

    /**
     * Each emoji of a token that is not a word, in order (at most one per character of the token), without skin tones,
     * variation selectors and joiners; or the emoji a typed face stands for.
     */
    static void emoji(String token, Consumer<String> each) {
        String face = FACES.get(token);
        if (face != null) {
            each.accept(face);
            return;
        }
        for (int at = 0; at < token.length(); ) {
            int code = token.codePointAt(at);
            at += Character.charCount(code);
            if (isEmoji(code)) {
                each.accept(Character.toString(code));
            }
        }
    }

    private static boolean isEmoji(int code) {
        boolean modifier = code >= 0x1F3FB && code <= 0x1F3FF;
        return !modifier && (code >= 0x1F000 && code <= 0x1FAFF || code >= 0x2600 && code <= 0x27BF
                || code >= 0x2B00 && code <= 0x2BFF);
    }

    /** Into {@code ids} from {@code n}: the numbers of the trigrams of "<" + token + ">", one per character; where they end. */
    private static int trigrams(String token, FeatureKey key, PredicateIndex predicates, int[] ids, int n) {
        int length = token.length();
        for (int start = 0; start < length; start++) {
            key.start("c=");
            for (int at = start; at < start + 3; at++) {
                key.append(at == 0 ? '<' : at == length + 1 ? '>' : token.charAt(at - 1));
            }
            ids[n++] = key.id(predicates);
        }
        return n;
    }
}
