package org.signpost.bot.understanding;

import opennlp.tools.util.BeamSearchContextGenerator;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * The tagger's features for the shipped UD-EWT model's feature description ({@link PosIds#DESCRIPTION}: outcome prior,
 * suffixes and prefixes up to 4, lower-cased words in a window of 2, sentence start in a window of 2, the word's
 * class and word-and-class, the previous tags), as OpenNLP's ConfigurablePOSContextGenerator makes them from that
 * description, in its order, strings equal; each word's lower case and class are worked out once a sentence
 * instead of once per window position (with OpenNLP's own StringUtil.toLowerCase and
 * FeatureGeneratorUtil.tokenFeature). The reference PosIds' numbers are checked against (PosIdsTests); the
 * decoder makes numbers, not these strings. Not thread-safe.
 */
final class PosContexts implements BeamSearchContextGenerator<String> {

    private static final int AFFIXES = 4;
    private static final int WINDOW = 2;

    /** The sentence the words below belong to (the decoder passes one array per sentence, from index 0 on). */
    private String[] sentence;
    private String[] lower;
    private String[] classes;

    @Override
    public String[] getContext(int index, String[] tokens, String[] tags, Object[] context) {
        // a decoder starts every sentence at 0: worked out again there even if a caller reuses its array
        if (index == 0 || tokens != sentence) {
            sentence = tokens;
            lower = new String[tokens.length];
            classes = new String[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                lower[i] = StringUtil.toLowerCase(tokens[i]);
                classes[i] = FeatureGeneratorUtil.tokenFeature(tokens[i]);
            }
        }
        String lex = tokens[index];
        String[] features = new String[32];
        int n = 0;
        features[n++] = "def";
        int suffixes = Math.min(AFFIXES, lex.length());
        for (int li = 0; li < suffixes; li++) {
            features[n++] = "suf=" + lex.substring(Math.max(lex.length() - li - 1, 0));
        }
        int prefixes = Math.min(AFFIXES, lex.length());
        for (int li = 0; li < prefixes; li++) {
            features[n++] = "pre=" + lex.substring(0, Math.min(li + 1, lex.length()));
        }
        features[n++] = "w=" + lower[index];
        for (int i = 1; i <= WINDOW; i++) {
            if (index - i >= 0) {
                features[n++] = "p" + i + "w=" + lower[index - i];
            }
        }
        for (int i = 1; i <= WINDOW; i++) {
            if (index + i < tokens.length) {
                features[n++] = "n" + i + "w=" + lower[index + i];
            }
        }
        if (index == 0) {
            features[n++] = "S=begin";
        }
        for (int i = 1; i <= WINDOW; i++) {
            if (index - i == 0) {
                features[n++] = "p" + i + "S=begin";
            }
        }
        features[n++] = "wc=" + classes[index];
        features[n++] = "w&c=" + lower[index] + "," + classes[index];
        if (index >= 1) {
            String previous = tags[index - 1];
            if (previous != null) {
                features[n++] = "t=" + previous;
            }
            if (index >= 2 && tags[index - 2] != null) {
                features[n++] = "t2=" + tags[index - 2] + "," + previous;
            }
        }
        return java.util.Arrays.copyOf(features, n);
    }
}
