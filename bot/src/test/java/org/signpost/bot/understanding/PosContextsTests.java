package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import opennlp.tools.postag.POSModel;
import opennlp.tools.util.BeamSearchContextGenerator;
import org.junit.jupiter.api.Test;

/**
 * The tagger's features are those OpenNLP makes from the shipped model's feature description, in OpenNLP's order,
 * for awkward words too (CompactModelTests checks every step of the shipped text): empty and one-letter words,
 * capitals, digits, periods, hyphens, slashes, commas, umlauts, kana; a model with another description keeps
 * OpenNLP's generator.
 */
class PosContextsTests {

    @Test
    void theFeaturesOfOpenNlpsTaggerForRandomAwkwardSentences() throws IOException {
        POSModel model = new POSModel(EnglishPipeline.model("pos"));
        assertThat(PosIds.fits(model.getArtifact("generator.featuregen"))).isTrue();
        BeamSearchContextGenerator<String> opennlp = model.getFactory().getPOSContextGenerator(0);
        PosContexts contexts = new PosContexts();
        String alphabet = "abzABZ0159-/,.'ÄÖÜéİıぁアＺ_ ";
        Random random = new Random(14);
        int compared = 0;
        for (int i = 0; i < 5_000; i++) {
            String[] tokens = new String[1 + random.nextInt(6)];
            String[] tags = new String[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                StringBuilder word = new StringBuilder();
                for (int length = random.nextInt(7); length > 0; length--) {
                    word.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                tokens[t] = word.toString();
                tags[t] = random.nextBoolean() ? "NOUN" : "VERB";
            }
            for (int at = 0; at < tokens.length; at++) {
                String[] before = java.util.Arrays.copyOf(tags, at);
                assertThat(contexts.getContext(at, tokens, before, null)).as(String.join("|", tokens))
                        .containsExactly(opennlp.getContext(at, tokens, before, null));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(15_000);
        assertThat(PosIds.fits("<featureGenerators/>".getBytes())).isFalse();
    }

    @Test
    void anArrayUsedAgainForAnotherSentenceGetsThatSentencesFeatures() throws IOException {
        BeamSearchContextGenerator<String> opennlp = new POSModel(EnglishPipeline.model("pos")).getFactory()
                .getPOSContextGenerator(0);
        PosContexts contexts = new PosContexts();
        String[] tokens = {"I", "feel", "fine"};
        contexts.getContext(0, tokens, new String[0], null);
        tokens[1] = "Cannot";
        tokens[2] = "cope";
        for (int at = 0; at < tokens.length; at++) {
            String[] before = new String[at];
            assertThat(contexts.getContext(at, tokens, before, null)).containsExactly(
                    opennlp.getContext(at, tokens, before, null));
        }
    }
}
