package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * What the categorisers see of a text: words, lemmas ("felt" and "feeling" meet at "feel"), word pairs,
 * and character trigrams of each word, so that a misspelt word ("anymor", "cant") still shares most of
 * its features with the word it means. Public only because OpenNLP instantiates it by class name.
 */
public final class TextFeatures implements FeatureGenerator {

    static final String LEMMAS = "lemmas";

    public TextFeatures() {
        // OpenNLP needs a public no-argument constructor
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        String[] lemmas = (String[]) extraInformation.getOrDefault(LEMMAS, tokens);
        List<String> features = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isBlank() || !Character.isLetterOrDigit(token.charAt(0))) {
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
}
