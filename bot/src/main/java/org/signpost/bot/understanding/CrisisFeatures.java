package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * What the crisis models see of a sentence: its words and word pairs (the pair with the start of the sentence
 * too). No part-of-speech tagging: the check runs on every sentence of every message and must stay cheap;
 * misspellings are the phrase net's job ({@code ~word}). Public only because OpenNLP instantiates it by class
 * name.
 */
public final class CrisisFeatures implements FeatureGenerator {

    public CrisisFeatures() {
        // OpenNLP needs a public no-argument constructor
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 2);
        for (int i = 0; i < tokens.length; i++) {
            features.add("w=" + tokens[i]);
            features.add("b=" + (i == 0 ? "^" : tokens[i - 1]) + "_" + tokens[i]);
        }
        return features;
    }

    /** {@code predicates.ids} of {@link #extractFeatures}' strings, in their order, without making them (FeatureIdsTests). */
    static int[] ids(String[] tokens, PredicateIndex predicates) {
        int[] ids = new int[tokens.length * 2];
        FeatureKey key = new FeatureKey();
        try {
            for (int i = 0; i < tokens.length; i++) {
                ids[2 * i] = key.start("w=").append(tokens[i]).id(predicates);
                ids[2 * i + 1] = key.start("b=").append(i == 0 ? "^" : tokens[i - 1]).append("_").append(tokens[i])
                        .id(predicates);
            }
        } finally {
            key.wipe();
        }
        return ids;
    }
}
