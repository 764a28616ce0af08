package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.Test;

/**
 * The lemmatiser's feature numbers made from the tables are those of LemmaContexts' strings
 * ({@code predicates.ids}), in their order, at every step: for words the model knows (as they are and
 * capitalised), after the previous scripts the model pairs them with and after others, with the tags the model
 * knows, an unknown one and none, and for random awkward words (non-ASCII, surrogate pairs and lone halves).
 * CompactModelTests checks every step of the shipped text against OpenNLP's own features.
 */
class LemmaIdsTests {

    @Test
    void theNumbersOfLemmaContextsFeaturesForKnownAndRandomWordsAtEveryStep() throws IOException {
        LemmatizerModel model = new LemmatizerModel(EnglishPipeline.model("lemmas"));
        CompactModels compact = CompactModels.of(List.of((MaxentModel) model.getArtifact("lemmatizer.model")));
        PredicateIndex predicates = compact.predicates();
        CompactModel lemmas = compact.model(0);
        LemmaIds.Tables tables = LemmaIds.Tables.of(predicates, lemmas);
        List<String> vocabulary = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        // pairs the model knows: an outcome and the word that follows it
        List<int[]> pairs = new ArrayList<>();
        List<String> pairWords = new ArrayList<>();
        for (int id = 0; id < predicates.size(); id++) {
            String predicate = predicates.predicate(id);
            if (predicate.startsWith("w0=")) {
                vocabulary.add(predicate.substring(3));
            } else if (predicate.startsWith("t0=")) {
                tags.add(predicate.substring(3));
            }
        }
        for (int o = 0; o < lemmas.outcomes() && pairs.size() < 5_000; o++) {
            for (String word : vocabulary.subList(0, Math.min(2_000, vocabulary.size()))) {
                if (predicates.id("p_1=" + lemmas.outcome(o) + "w0=" + word) >= 0) {
                    pairs.add(new int[] {o});
                    pairWords.add(word);
                }
            }
        }
        assertThat(pairs).hasSizeGreaterThan(100);
        tags.add("NOT-A-TAG");
        tags.add(null);
        LemmaIds ids = new LemmaIds(tables);
        LemmaContexts contexts = new LemmaContexts();
        String alphabet = "abzABZ0159-'.éÉİı٣２Ｚ _\uD83D\uDE00\uDE00";
        Random random = new Random(17);
        int paired = 0;
        int unknown = 0;
        for (int i = 0; i < 20_000; i++) {
            String[] tokens = new String[1 + random.nextInt(6)];
            String[] tagged = new String[tokens.length];
            int[] before = new int[tokens.length];
            String[] outcomes = new String[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = PosIdsTests.word(random, vocabulary, alphabet);
                tagged[t] = tags.get(random.nextInt(tags.size()));
                before[t] = random.nextInt(lemmas.outcomes());
                if (t > 0 && random.nextBoolean()) {
                    int pick = random.nextInt(pairs.size());
                    before[t - 1] = pairs.get(pick)[0];
                    tokens[t] = pairWords.get(pick);
                }
                unknown += tables.words().row(tokens[t]) < 0 ? 1 : 0;
            }
            for (int t = 0; t < tokens.length; t++) {
                outcomes[t] = lemmas.outcome(before[t]);
            }
            Object[] context = {tagged};
            for (int at = 0; at < tokens.length; at++) {
                int[] expected = predicates.ids(contexts.getContext(at, tokens, Arrays.copyOf(outcomes, at), context));
                int count = ids.ids(at, tokens, before, context);
                assertThat(Arrays.copyOf(ids.buffer(), count)).as(String.join("|", tokens) + " at " + at)
                        .containsExactly(expected);
                paired += expected[4] >= 0 ? 1 : 0;
            }
            if (random.nextInt(10) == 0) {
                ids.forget();
                assertThat(ids.buffer()).as("nothing of the sentence kept").containsOnly(0);
            }
        }
        assertThat(paired).isGreaterThan(10_000);
        assertThat(unknown).isGreaterThan(20_000);
    }
}
