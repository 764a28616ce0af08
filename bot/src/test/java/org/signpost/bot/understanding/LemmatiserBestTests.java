package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import opennlp.tools.lemmatizer.DefaultLemmatizerSequenceValidator;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.TokenizerModel;
import org.junit.jupiter.api.Test;

/**
 * The lemmatiser takes each token's best outcome from the sums of the outcomes its sparse features name and a
 * ranking of every other outcome by the dense rows alone (LemmatiserBest): the very outcome a full pass
 * over all 860 sums gives (the first of equal ones), on every step of every shipped text and on random features
 * (dense rows in any order and number, repeated and absent features, more sets of dense rows than are ranked).
 */
class LemmatiserBestTests {

    @Test
    void theBestOutcomeIsTheFullPassesOnEveryStepOfEveryShippedText() throws IOException {
        // the tokens TokenizerME gives, span for span (CompactTokenizerTests), from the tokenizer made of its model
        CompactTokenizer tokenizer = new CompactTokenizer(new TokenizerModel(EnglishPipeline.model("tokens")));
        POSModel pos = new POSModel(EnglishPipeline.model("pos"));
        LemmatizerModel lemmas = new LemmatizerModel(EnglishPipeline.model("lemmas"));
        GreedyDecoder tagger = GreedyDecoder.tagger(pos).get();
        GreedyDecoder lemmatizer = GreedyDecoder.lemmatizer(lemmas).get();
        DefaultLemmatizerSequenceValidator validator = new DefaultLemmatizerSequenceValidator();
        long steps = 0;
        for (String text : CompactModelTests.texts()) {
            String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
            Object[] context = {tagger.decode(raw, null)};
            int[] at = new int[1];
            // a step watcher makes the decoder sum every outcome and take the best valid one, as before
            String[] full = lemmatizer.decode(raw, context, (ids, before, scores) -> {
                // the validator the shortcut relies on takes every outcome
                for (int o = 0; o < scores.length; o += 7) {
                    if (!validator.validSequence(at[0], raw, before, lemmatizer.outcome(o))) {
                        fail("outcome %s refused at %d of: %s", lemmatizer.outcome(o), at[0], text);
                    }
                }
                at[0]++;
            });
            Same.elements(lemmatizer.decode(raw, context), full, () -> text);
            steps += raw.length;
        }
        assertThat(steps).isGreaterThan(300_000);
    }

    @Test
    void theBestOutcomeIsTheFullPassesOnRandomFeatures() throws IOException {
        LemmatizerModel lemmas = new LemmatizerModel(EnglishPipeline.model("lemmas"));
        CompactModels compact = CompactModels.of(List.of((MaxentModel) lemmas.getArtifact("lemmatizer.model")));
        CompactMaxent model = (CompactMaxent) compact.model(0);
        LemmatiserBest shortcut = new LemmatiserBest(model);
        PredicateIndex predicates = compact.predicates();
        int n = model.outcomes();
        List<Integer> dense = new ArrayList<>();
        for (int id = 0; id < predicates.size(); id++) {
            if (2 * (model.first[id + 1] - model.first[id]) >= n) {
                dense.add(id);
            }
        }
        assertThat(dense).hasSizeGreaterThanOrEqualTo(2);
        Random random = new Random(18);
        double[] full = new double[n];
        double[] scores = new double[n];
        int[] named = new int[n];
        boolean[] marked = new boolean[n];
        for (int round = 0; round < 200_000; round++) {
            int[] ids = new int[1 + random.nextInt(24)];
            for (int i = 0; i < ids.length; i++) {
                int pick = random.nextInt(10);
                ids[i] = pick == 0 ? PredicateIndex.ABSENT
                        : pick <= 3 ? dense.get(random.nextInt(dense.size()))
                        : pick == 4 && i > 0 ? ids[random.nextInt(i)]
                        : random.nextInt(predicates.size());
            }
            int count = random.nextInt(ids.length + 1);
            model.scores(ids, count, full);
            int expected = LemmatiserBest.first(full);
            assertThat(shortcut.best(ids, count, scores, named, marked)).as("round %d", round).isEqualTo(expected);
            for (int o = 0; o < n; o++) {
                if (marked[o]) {
                    throw new AssertionError("outcome " + o + " left marked in round " + round);
                }
            }
        }
    }
}
