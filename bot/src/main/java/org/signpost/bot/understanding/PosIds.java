package org.signpost.bot.understanding;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * The numbers of the tagger's features (PosContexts' strings, in their order, {@code predicates.ids} of
 * them) without making the strings. Each word of the model's vocabulary has a row made at load from those very
 * strings: the numbers of its window features (w=, p1w=, p2w=, n1w=, n2w=) and, for a token that is that word as
 * it stands (already lower case), of its affixes, class and word-and-class; so a token costs one lookup instead of
 * about fifteen, and the previous tags' features come from two small tables by outcome. A word the model does not
 * know is looked up feature by feature ({@link FeatureKey}: the same numbers, no strings). PosIdsTests compares
 * every step with PosContexts. Not thread-safe (one per decoder); the tables are shared.
 */
final class PosIds implements GreedyDecoder.Features {

    /** SHA-256 of the shipped model's generator.featuregen, the description these features follow. */
    static final String DESCRIPTION = "d6737d09cec55717e2e10e70be03c5a15a1708d1b35b3017390862e784c40c3a";
    private static final int AFFIXES = 4;
    private static final String[] WINDOW = {"w=", "p1w=", "p2w=", "n1w=", "n2w="};
    private static final int W = 0;
    private static final int P1W = 1;
    private static final int P2W = 2;
    private static final int N1W = 3;
    private static final int N2W = 4;
    /** The token's own features: up to 4 suffixes, then up to 4 prefixes, then wc= and w&c=. */
    private static final int TOKEN = 5;
    private static final int CLASS = TOKEN + 2 * AFFIXES;
    private static final int WORD_AND_CLASS = CLASS + 1;
    private static final int WIDTH = WORD_AND_CLASS + 1;

    /** Made once per model, from its predicates and outcomes; shared by every decoder's PosIds. */
    record Tables(PredicateIndex predicates, WordTable words, int def, int begin, int previousBegin,
            int beforePreviousBegin, int outcomes, int[] tag, int[] tagPair) {

        static Tables of(PredicateIndex predicates, CompactModel model) {
            Set<String> vocabulary = new LinkedHashSet<>();
            for (int id = 0; id < predicates.size(); id++) {
                String predicate = predicates.predicate(id);
                for (String prefix : WINDOW) {
                    if (predicate.startsWith(prefix)) {
                        vocabulary.add(predicate.substring(prefix.length()));
                    }
                }
            }
            WordTable words = new WordTable(new ArrayList<>(vocabulary), WIDTH, word -> row(predicates, word));
            int n = model.outcomes();
            int[] tag = new int[n];
            int[] tagPair = new int[n * n];
            for (int previous = 0; previous < n; previous++) {
                tag[previous] = predicates.id("t=" + model.outcome(previous));
                for (int before = 0; before < n; before++) {
                    tagPair[before * n + previous] = predicates.id("t2=" + model.outcome(before) + "," + model.outcome(previous));
                }
            }
            return new Tables(predicates, words, predicates.id("def"), predicates.id("S=begin"),
                    predicates.id("p1S=begin"), predicates.id("p2S=begin"), n, tag, tagPair);
        }

        /** The word's numbers, from PosContexts' strings for a lower-case token that is the word. */
        private static int[] row(PredicateIndex predicates, String word) {
            int[] row = new int[WIDTH];
            for (int k = 0; k < WINDOW.length; k++) {
                row[k] = predicates.id(WINDOW[k] + word);
            }
            int affixes = Math.min(AFFIXES, word.length());
            for (int li = 0; li < affixes; li++) {
                row[TOKEN + li] = predicates.id("suf=" + word.substring(Math.max(word.length() - li - 1, 0)));
                row[TOKEN + affixes + li] = predicates.id("pre=" + word.substring(0, Math.min(li + 1, word.length())));
            }
            String wordClass = FeatureGeneratorUtil.tokenFeature(word);
            row[CLASS] = predicates.id("wc=" + wordClass);
            row[WORD_AND_CLASS] = predicates.id("w&c=" + word + "," + wordClass);
            return row;
        }
    }

    /** Whether a tagger's feature description is the shipped one (another keeps OpenNLP's generator). */
    static boolean fits(byte[] description) {
        try {
            return description != null
                    && HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(description)).equals(DESCRIPTION);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Tables tables;
    private final PredicateIndex predicates;
    private final FeatureKey key = new FeatureKey();
    private final int[] ids = new int[32];
    /** The sentence the rows below belong to (the decoder passes one array per sentence, from index 0 on). */
    private String[] sentence;
    /** Each token's row, {@link #WIDTH} numbers a token. */
    private int[] rows = new int[WIDTH * 16];

    PosIds(Tables tables) {
        this.tables = tables;
        this.predicates = tables.predicates();
    }

    @Override
    public int[] buffer() {
        return ids;
    }

    @Override
    public int ids(int index, String[] tokens, int[] before, Object[] context) {
        if (index == 0 || tokens != sentence) {
            sentence = tokens;
            rows(tokens);
        }
        int at = index * WIDTH;
        int n = 0;
        ids[n++] = tables.def();
        int affixes = 2 * Math.min(AFFIXES, tokens[index].length());
        System.arraycopy(rows, at + TOKEN, ids, n, affixes);
        n += affixes;
        ids[n++] = rows[at + W];
        if (index >= 1) {
            ids[n++] = rows[at - WIDTH + P1W];
        }
        if (index >= 2) {
            ids[n++] = rows[at - 2 * WIDTH + P2W];
        }
        if (index + 1 < tokens.length) {
            ids[n++] = rows[at + WIDTH + N1W];
        }
        if (index + 2 < tokens.length) {
            ids[n++] = rows[at + 2 * WIDTH + N2W];
        }
        if (index == 0) {
            ids[n++] = tables.begin();
        } else if (index == 1) {
            ids[n++] = tables.previousBegin();
        } else if (index == 2) {
            ids[n++] = tables.beforePreviousBegin();
        }
        ids[n++] = rows[at + CLASS];
        ids[n++] = rows[at + WORD_AND_CLASS];
        if (index >= 1) {
            int previous = before[index - 1];
            ids[n++] = tables.tag()[previous];
            if (index >= 2) {
                ids[n++] = tables.tagPair()[before[index - 2] * tables.outcomes() + previous];
            }
        }
        return n;
    }

    @Override
    public void forget() {
        sentence = null;
        key.wipe();
        // the numbers name the sentence's known words ("w=..."): not kept past it either
        Arrays.fill(ids, 0);
        Arrays.fill(rows, 0);
    }

    /** Every token's row: from the table for a word it knows, else feature by feature. */
    private void rows(String[] tokens) {
        if (rows.length < tokens.length * WIDTH) {
            rows = new int[tokens.length * WIDTH];
        }
        WordTable words = tables.words();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            boolean lowerCase = lowerCase(token);
            String lower = lowerCase ? token : StringUtil.toLowerCase(token);
            int row = words.row(lower);
            int at = i * WIDTH;
            if (row >= 0) {
                System.arraycopy(words.values, row, rows, at, lowerCase ? WIDTH : TOKEN);
            } else {
                for (int k = 0; k < WINDOW.length; k++) {
                    rows[at + k] = key.start(WINDOW[k]).append(lower).id(predicates);
                }
            }
            if (row < 0 || !lowerCase) {
                int affixes = Math.min(AFFIXES, token.length());
                for (int li = 0; li < affixes; li++) {
                    rows[at + TOKEN + li] = key.start("suf=")
                            .append(token, Math.max(token.length() - li - 1, 0), token.length()).id(predicates);
                    rows[at + TOKEN + affixes + li] = key.start("pre=")
                            .append(token, 0, Math.min(li + 1, token.length())).id(predicates);
                }
                String wordClass = FeatureGeneratorUtil.tokenFeature(token);
                rows[at + CLASS] = key.start("wc=").append(wordClass).id(predicates);
                rows[at + WORD_AND_CLASS] = key.start("w&c=").append(lower).append(",").append(wordClass).id(predicates);
            }
        }
    }

    /**
     * Whether {@code StringUtil.toLowerCase(token)} (each code point through {@code Character.toLowerCase}) is
     * the token itself, found without making it.
     */
    static boolean lowerCase(String token) {
        for (int i = 0; i < token.length(); ) {
            int code = token.codePointAt(i);
            if (Character.toLowerCase(code) != code) {
                return false;
            }
            i += Character.charCount(code);
        }
        return true;
    }

}
