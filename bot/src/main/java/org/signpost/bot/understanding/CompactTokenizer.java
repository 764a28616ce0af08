package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.tokenize.DefaultTokenContextGenerator;
import opennlp.tools.tokenize.TokenContextGenerator;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import opennlp.tools.util.StringList;
import opennlp.tools.util.StringUtil;

/**
 * OpenNLP's learnt tokenizer ({@code TokenizerME.tokenizePos} of opennlp-tools 2.5, step for step: whitespace
 * split, tokens of one character and alphanumeric ones kept whole, otherwise a split decision at every inner
 * character, with its abbreviation handling), its model evaluated in compact form (CompactModel) instead of
 * OpenNLP's map of contexts. The same tokens as TokenizerME (CompactTokenizerTests). Thread-safe.
 */
final class CompactTokenizer {

    /**
     * A gap between the best and the next log-linear sum wider than this decides the best outcome without exp
     * and normalising: exp is correct to within an ulp, so such a gap (relative 1e-9 after exp) can never be
     * reversed or closed by rounding; narrower gaps, and sums so large or small that exp leaves the normal
     * doubles, go through the probabilities as OpenNLP computes them.
     */
    private static final double DECISIVE = 1e-9;
    private static final double NORMAL_EXP = 700;
    /** The English model's alphanumeric pattern, matched by a loop instead of the regex engine (same answers). */
    private static final String ASCII_ALPHANUMERIC = "^[A-Za-z0-9]+$";

    private final PredicateIndex predicates;
    private final CompactModel model;
    private final int split;
    private final TokenContextGenerator contexts;
    /** The numbers of OpenNLP's default context generator's features without its strings; null for another generator. */
    private final TokenIds ids;
    private final Predicate<String> alphanumeric;
    private final boolean alphanumericOptimisation;
    private final Dictionary abbreviations;
    /** The splits of a vocabulary's words typed before; null for none (or with abbreviations, which it does not check). */
    private final SplitMemo memo;

    CompactTokenizer(TokenizerModel opennlp) {
        this(CompactModels.of(List.of((MaxentModel) opennlp.getMaxentModel())), opennlp);
    }

    /**
     * Over the tokenizer's compact model alone (CompactEnglish: made at build time), for a model that
     * {@link #fitsCompactForm fits it}: OpenNLP's default context generator, no abbreviations, no alphanumeric
     * optimisation, which leaves nothing else of the model for TokenizerME to use.
     */
    CompactTokenizer(CompactModels compact) {
        this(compact, null, null, 0);
    }

    /**
     * The same, with a memo of this many slots (a power of two) of the splits of the words in {@code words} (a
     * vocabulary's table, the lemmatiser's): a word's splits depend on its characters alone, so a word of that
     * vocabulary typed again is split as before without the model. The memo holds word numbers and split positions.
     */
    CompactTokenizer(CompactModels compact, WordTable words, int memoSlots) {
        this(compact, null, words, memoSlots);
    }

    private CompactTokenizer(CompactModels compact, TokenizerModel opennlp) {
        this(compact, opennlp, null, 0);
    }

    private CompactTokenizer(CompactModels compact, TokenizerModel opennlp, WordTable words, int memoSlots) {
        this.predicates = compact.predicates();
        this.model = compact.model(0);
        int split = -1;
        for (int o = 0; o < model.outcomes(); o++) {
            if (model.outcome(o).equals(TokenizerME.SPLIT)) {
                split = o;
            }
        }
        this.split = split;
        if (opennlp == null) {
            this.contexts = null;
            this.ids = new TokenIds(predicates, Set.of());
            this.alphanumeric = CompactTokenizer::asciiAlphanumeric;
            this.alphanumericOptimisation = false;
            this.abbreviations = null;
            this.memo = SplitMemo.of(words, memoSlots);
            return;
        }
        // what TokenizerME(model) takes from the model and its factory
        this.contexts = opennlp.getFactory().getContextGenerator();
        Dictionary abbreviations = opennlp.getFactory().getAbbreviationDictionary();
        this.ids = contexts.getClass() == DefaultTokenContextGenerator.class
                ? new TokenIds(predicates, abbreviations == null ? Set.of() : abbreviations.asStringSet()) : null;
        Pattern pattern = opennlp.getFactory().getAlphaNumericPattern();
        this.alphanumeric = pattern.pattern().equals(ASCII_ALPHANUMERIC) && pattern.flags() == 0
                ? CompactTokenizer::asciiAlphanumeric : token -> pattern.matcher(token).matches();
        this.alphanumericOptimisation = opennlp.getFactory().isUseAlphaNumericOptimization();
        this.abbreviations = opennlp.getAbbreviations();
        this.memo = null;
    }

    /** Whether TokenizerME uses nothing of this model but its maxent model (see {@link #CompactTokenizer(CompactModels)}). */
    static boolean fitsCompactForm(TokenizerModel opennlp) {
        return opennlp.getFactory().getContextGenerator().getClass() == DefaultTokenContextGenerator.class
                && opennlp.getFactory().getAbbreviationDictionary() == null && opennlp.getAbbreviations() == null
                && !opennlp.getFactory().isUseAlphaNumericOptimization();
    }

    String[] tokenize(String text) {
        return Span.spansToStrings(tokenizePos(text), text);
    }

    Span[] tokenizePos(String d) {
        FeatureKey key = new FeatureKey();
        try {
            return tokenizePos(d, key, new int[TokenIds.MOST]);
        } finally {
            key.wipe();
        }
    }

    private Span[] tokenizePos(String d, FeatureKey key, int[] features) {
        List<Span> newTokens = new ArrayList<>();
        double[] scores = new double[model.outcomes()];
        int word = -1;
        for (Span s : whitespace(d)) {
            String tok = d.substring(s.getStart(), s.getEnd());
            if (tok.length() < 2) {
                newTokens.add(s);
            } else if (alphanumericOptimisation && alphanumeric.test(tok)) {
                newTokens.add(s);
            } else if (memo == null || !memo.replay(word = memo.word(tok), s, newTokens)) {
                int start = s.getStart();
                int end = s.getEnd();
                final int origStart = s.getStart();
                int splits = 0;
                for (int j = origStart + 1; j < end; j++) {
                    int count;
                    if (ids != null) {
                        count = ids.ids(tok, j - origStart, key, features);
                    } else {
                        int[] numbers = predicates.ids(contexts.getContext(tok, j - origStart));
                        features = numbers.length > features.length ? numbers : features;
                        System.arraycopy(numbers, 0, features, 0, numbers.length);
                        count = numbers.length;
                    }
                    if (best(features, count, scores) == split) {
                        if (isAcceptableAbbreviation(tok)) {
                            newTokens.add(new Span(start, end));
                            long numberOfDots = tok.codePoints().filter(ch -> ch == '.').count();
                            j = j + (int) numberOfDots;
                            start = j + 1;
                        } else {
                            newTokens.add(new Span(start, j));
                            start = j;
                            splits |= 1 << (j - origStart - 1);
                        }
                    }
                }
                if (start < end) {
                    newTokens.add(new Span(start, end));
                }
                if (memo != null) {
                    memo.keep(word, splits);
                }
            }
        }
        return newTokens.toArray(new Span[0]);
    }

    /** {@code WhitespaceTokenizer.tokenizePos} without kept new lines (TokenizerME's default). */
    private static List<Span> whitespace(String d) {
        List<Span> tokens = new ArrayList<>();
        int tokStart = -1;
        boolean inTok = false;
        for (int i = 0; i < d.length(); i++) {
            if (StringUtil.isWhitespace(d.charAt(i))) {
                if (inTok) {
                    tokens.add(new Span(tokStart, i));
                    inTok = false;
                    tokStart = -1;
                }
            } else if (!inTok) {
                tokStart = i;
                inTok = true;
            }
        }
        if (inTok) {
            tokens.add(new Span(tokStart, d.length()));
        }
        return tokens;
    }

    /** {@code ArrayMath.argmax} of the model's probabilities (the first of equal ones), as TokenizerME picks. */
    private int best(int[] features, int count, double[] scores) {
        model.scores(features, count, scores);
        int best = 0;
        int runnerUp = -1;
        boolean normal = true;
        for (int o = 0; o < scores.length; o++) {
            normal &= scores[o] >= -NORMAL_EXP && scores[o] <= NORMAL_EXP;
            if (o == 0) {
                continue;
            }
            if (scores[o] > scores[best]) {
                runnerUp = best;
                best = o;
            } else if (runnerUp < 0 || scores[o] > scores[runnerUp]) {
                runnerUp = o;
            }
        }
        if (normal && (runnerUp < 0 || scores[best] - scores[runnerUp] > DECISIVE)) {
            return best;
        }
        model.probabilities(scores);
        best = 0;
        for (int o = 1; o < scores.length; o++) {
            if (scores[best] < scores[o]) {
                best = o;
            }
        }
        return best;
    }

    /** {@code ^[A-Za-z0-9]+$} by {@code matches()}: the whole token, so not empty and every char an ASCII letter or digit. */
    static boolean asciiAlphanumeric(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private boolean isAcceptableAbbreviation(String tok) {
        return abbreviations != null && abbreviations.contains(new StringList(tok));
    }
}
