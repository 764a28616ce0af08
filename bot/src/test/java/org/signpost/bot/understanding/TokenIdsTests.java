package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.tokenize.DefaultTokenContextGenerator;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer's feature numbers are those of OpenNLP's own context generator's strings ({@code predicates.ids}),
 * in its order, at every position of every whitespace token of the shipped texts and of random awkward tokens
 * (Latin-1 and other letters, capitals, digits, spaces OpenNLP counts, quotes, brackets, "&...;", surrogate pairs
 * and lone halves), with and without an abbreviation list.
 */
class TokenIdsTests {

    @Test
    void theNumbersOfOpenNlpsTokenizerFeaturesAtEveryPosition() throws IOException {
        TokenizerModel model = new TokenizerModel(EnglishPipeline.model("tokens"));
        assertThat(model.getFactory().getContextGenerator()).isExactlyInstanceOf(DefaultTokenContextGenerator.class);
        PredicateIndex predicates = CompactModels.of(List.of((MaxentModel) model.getMaxentModel())).predicates();
        Set<String> abbreviations = Set.of("e.g.", "Mr.", "&amp;");
        List<TokenIds> ids = List.of(new TokenIds(predicates, Set.of()), new TokenIds(predicates, abbreviations));
        List<DefaultTokenContextGenerator> opennlp = List.of(new DefaultTokenContextGenerator(Set.of()),
                new DefaultTokenContextGenerator(abbreviations));
        List<String> tokens = new ArrayList<>();
        for (String text : CompactModelTests.texts()) {
            tokens.addAll(List.of(WhitespaceTokenizer.INSTANCE.tokenize(text)));
        }
        String alphabet = "abzABZ09.,;:!?'\"`()[]{}&-/éÉßÿ\u00A0\u2009ıİΣ日Ｚ\uD83D\uDE00\uDE00 \t";
        Random random = new Random(17);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder token = new StringBuilder(random.nextInt(4) == 0 ? "&" : "");
            for (int length = 1 + random.nextInt(8); length > 0; length--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            tokens.add(token + (random.nextInt(4) == 0 ? ";" : ""));
        }
        tokens.addAll(abbreviations);
        FeatureKey key = new FeatureKey();
        int[] buffer = new int[TokenIds.MOST];
        long compared = 0;
        for (String token : tokens) {
            for (int at = 0; at < token.length(); at++) {
                for (int k = 0; k < 2; k++) {
                    int[] expected = predicates.ids(opennlp.get(k).getContext(token, at));
                    int count = ids.get(k).ids(token, at, key, buffer);
                    int position = at;
                    Same.ints(buffer, count, expected, () -> String.format("%s at %d", token, position));
                    compared++;
                }
            }
        }
        key.wipe();
        assertThat(compared).isGreaterThan(1_000_000);
    }
}
