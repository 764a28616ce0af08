package org.signpost.bot.understanding;

import opennlp.tools.util.BeamSearchContextGenerator;

/**
 * The lemmatiser's features, as OpenNLP's {@code DefaultLemmatizerContextGenerator} (opennlp-tools 2.5) makes
 * them, in its order, strings equal: the word, its tag, the previous edit script and their pairs, the word's
 * endings and beginnings (with OpenNLP's "suf=null" and "pre=null" for the unused first slot of each), and
 * whether it has a hyphen, an upper-case or a digit. Made straight into one array, without OpenNLP's two regex
 * matchers, lists and arrays per token (LemmaContextsTests compares them with OpenNLP's): the reference LemmaIds'
 * numbers are checked against (LemmaIdsTests); the decoder makes numbers, not these strings. Thread-safe.
 */
final class LemmaContexts implements BeamSearchContextGenerator<String> {

    private static final int PREFIX_LENGTH = 5;
    private static final int SUFFIX_LENGTH = 7;

    /** The lemmatiser's context is {@code new Object[] {tags}}, as OpenNLP's own lemmatiser passes it. */
    @Override
    public String[] getContext(int index, String[] tokens, String[] before, Object[] context) {
        String[] tags = (String[]) context[0];
        String lex = tokens[index];
        String previous = index < 1 ? "p_1=bos" : "p_1=" + before[index - 1];
        String word = "w0=" + lex;
        String tag = "t0=" + tags[index];
        boolean hyphen = lex.indexOf('-') != -1;
        boolean capital = false;
        boolean digit = false;
        for (int i = 0; i < lex.length(); i++) {
            char c = lex.charAt(i);
            capital |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        String[] features = new String[5 + SUFFIX_LENGTH + PREFIX_LENGTH + (hyphen ? 1 : 0) + (capital ? 1 : 0)
                + (digit ? 1 : 0)];
        int n = 0;
        features[n++] = word;
        features[n++] = tag;
        features[n++] = previous;
        features[n++] = previous + tag;
        features[n++] = previous + word;
        features[n++] = "suf=null";
        for (int li = 1; li < SUFFIX_LENGTH; li++) {
            features[n++] = "suf=" + lex.substring(Math.max(lex.length() - li - 1, 0));
        }
        features[n++] = "pre=null";
        for (int li = 1; li < PREFIX_LENGTH; li++) {
            features[n++] = "pre=" + lex.substring(0, Math.min(li + 1, lex.length()));
        }
        if (hyphen) {
            features[n++] = "h";
        }
        if (capital) {
            features[n++] = "c";
        }
        if (digit) {
            features[n++] = "d";
        }
        return features;
    }
}
