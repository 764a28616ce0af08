package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The categorisers' and the crisis models' feature numbers are {@code predicates.ids} of TextFeatures' and
 * CrisisFeatures' strings, in their order: on the shipped texts' words and lemmas (half of whose features make the
 * index, so both found and absent ones are asked) and on random awkward tokens (empty, blank, punctuation first,
 * non-ASCII, surrogate pairs and lone halves). CompactModelTests compares the models' probabilities with OpenNLP's.
 */
class FeatureIdsTests {

    @Test
    void theNumbersOfTheCategorisersAndCrisisFeatures() {
        EnglishPipeline pipeline = EnglishPipeline.load();
        List<String[][]> sentences = new ArrayList<>();
        for (String text : CompactModelTests.texts().subList(0, 20_000)) {
            EnglishPipeline.Words words = pipeline.words(text);
            sentences.add(new String[][] {words.tokens(), words.lemmas()});
        }
        String alphabet = "ab zé-_<>'.,\u00A0日\uD83D\uDE00\uDE00";
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            String[] tokens = new String[1 + random.nextInt(5)];
            String[] lemmas = new String[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                StringBuilder token = new StringBuilder();
                for (int length = random.nextInt(6); length > 0; length--) {
                    token.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                tokens[t] = token.toString();
                lemmas[t] = random.nextBoolean() ? tokens[t] : tokens[t] + "e";
            }
            sentences.add(new String[][] {tokens, lemmas});
        }
        TextFeatures text = new TextFeatures();
        CrisisFeatures crisis = new CrisisFeatures();
        Set<String> known = new LinkedHashSet<>();
        for (int i = 0; i < sentences.size(); i += 2) {
            known.addAll(text.extractFeatures(sentences.get(i)[0], Map.of(TextFeatures.LEMMAS, sentences.get(i)[1])));
            known.addAll(crisis.extractFeatures(sentences.get(i)[0], Map.of()));
        }
        // a model's predicates are valid UTF-16 (the index keeps UTF-8 bytes): those with a lone surrogate are only asked
        known.removeIf(feature -> !new String(feature.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(feature));
        PredicateIndex predicates = PredicateIndex.of(known);
        // the rows of the words the index knows (from half the sentences): known and unknown tokens are both asked
        TextFeatures.Vocabulary vocabulary = TextFeatures.Vocabulary.of(predicates);
        long found = 0;
        long absent = 0;
        for (String[][] sentence : sentences) {
            int[] expected = predicates.ids(text.extractFeatures(sentence[0], Map.of(TextFeatures.LEMMAS, sentence[1]))
                    .toArray(new String[0]));
            Same.ints(TextFeatures.ids(sentence[0], sentence[1], predicates), expected, () -> String.join("|", sentence[0]));
            Same.ints(TextFeatures.ids(sentence[0], sentence[1], predicates, vocabulary), expected,
                    () -> String.join("|", sentence[0]));
            int[] crisisExpected = predicates.ids(crisis.extractFeatures(sentence[0], Map.of()).toArray(new String[0]));
            Same.ints(CrisisFeatures.ids(sentence[0], predicates), crisisExpected, () -> String.join("|", sentence[0]));
            for (int id : expected) {
                found += id >= 0 ? 1 : 0;
                absent += id < 0 ? 1 : 0;
            }
        }
        assertThat(found).isGreaterThan(100_000);
        assertThat(absent).isGreaterThan(10_000);
    }
}
