package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * {@code predicates.ids} of {@link #extractFeatures}' strings with these lemmas, in their order, without
     * making the strings (FeatureIdsTests).
     */
    static int[] ids(String[] tokens, String[] lemmas, PredicateIndex predicates) {
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
                if (token.isBlank() || !Character.isLetterOrDigit(token.charAt(0))) {
                    continue;
                }
                ids[n++] = key.start("w=").append(token).id(predicates);
                if (!lemmas[i].equals(token)) {
                    ids[n++] = key.start("l=").append(lemmas[i]).id(predicates);
                }
                if (i + 1 < tokens.length) {
                    ids[n++] = key.start("b=").append(token).append("_").append(tokens[i + 1]).id(predicates);
                }
                // the trigrams of "<" + token + ">"
                int length = token.length();
                for (int start = 0; start < length; start++) {
                    key.start("c=");
                    for (int at = start; at < start + 3; at++) {
                        key.append(at == 0 ? '<' : at == length + 1 ? '>' : token.charAt(at - 1));
                    }
                    ids[n++] = key.id(predicates);
                }
            }
        } finally {
            key.wipe();
        }
        return Arrays.copyOf(ids, n);
    }
}
