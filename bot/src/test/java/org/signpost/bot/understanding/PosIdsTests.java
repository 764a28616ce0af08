package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.util.StringUtil;
import org.junit.jupiter.api.Test;

/**
 * The tagger's feature numbers made from the tables are those of PosContexts' strings ({@code predicates.ids}), in
 * their order, at every step: for words the model knows, as they are and capitalised, and for random awkward
 * ones (digits, hyphens, umlauts, dotted capital I, kana, surrogate pairs and lone halves). CompactModelTests
 * checks every step of the shipped text against OpenNLP's own features.
 */
class PosIdsTests {

    @Test
    void theNumbersOfPosContextsFeaturesForKnownAndRandomWordsAtEveryStep() throws IOException {
        POSModel model = new POSModel(EnglishPipeline.model("pos"));
        CompactModels compact = CompactModels.of(List.of((MaxentModel) model.getArtifact("pos.model")));
        PredicateIndex predicates = compact.predicates();
        PosIds.Tables tables = PosIds.Tables.of(predicates, compact.model(0));
        List<String> vocabulary = new ArrayList<>();
        for (int id = 0; id < predicates.size(); id++) {
            if (predicates.predicate(id).startsWith("w=")) {
                vocabulary.add(predicates.predicate(id).substring(2));
            }
        }
        assertThat(tables.words().size()).isGreaterThanOrEqualTo(vocabulary.size());
        PosIds ids = new PosIds(tables);
        PosContexts contexts = new PosContexts();
        String alphabet = "abzABZ0159-/,.'ÄÖÜéİıぁアＺ_ \uD83D\uDE00\uD83D";
        Random random = new Random(17);
        int known = 0;
        int unknown = 0;
        for (int i = 0; i < 20_000; i++) {
            String[] tokens = new String[1 + random.nextInt(7)];
            int[] before = new int[tokens.length];
            String[] tags = new String[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = word(random, vocabulary, alphabet);
                before[t] = random.nextInt(compact.model(0).outcomes());
                tags[t] = compact.model(0).outcome(before[t]);
                if (tables.words().row(tokens[t]) >= 0) {
                    known++;
                } else {
                    unknown++;
                }
            }
            for (int at = 0; at < tokens.length; at++) {
                int[] expected = predicates.ids(contexts.getContext(at, tokens, Arrays.copyOf(tags, at), null));
                int count = ids.ids(at, tokens, before, null);
                assertThat(Arrays.copyOf(ids.buffer(), count)).as(String.join("|", tokens) + " at " + at)
                        .containsExactly(expected);
            }
            if (random.nextInt(10) == 0) {
                ids.forget();
                assertThat(ids.buffer()).as("nothing of the sentence kept").containsOnly(0);
            }
        }
        assertThat(known).isGreaterThan(10_000);
        assertThat(unknown).isGreaterThan(20_000);
    }

    @Test
    void aTokenIsLowerCaseExactlyWhenOpenNlpsLowerCaseIsTheTokenItself() {
        String alphabet = "abzABZ09-'éÉİıßẞΣσςǅǆ\uD801\uDC00\uD801\uDC28\uD801\uD83D\uDE00";
        Random random = new Random(17);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder word = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                word.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String token = word.toString();
            assertThat(PosIds.lowerCase(token)).as(token).isEqualTo(StringUtil.toLowerCase(token).equals(token));
        }
    }

    /** A word the model knows (as it is, or capitalised, or in capitals), or random characters. */
    static String word(Random random, List<String> vocabulary, String alphabet) {
        int kind = random.nextInt(5);
        if (kind < 3) {
            String known = vocabulary.get(random.nextInt(vocabulary.size()));
            return switch (kind) {
                case 0 -> known;
                case 1 -> known.isEmpty() ? known : known.substring(0, 1).toUpperCase(Locale.ROOT) + known.substring(1);
                default -> known.toUpperCase(Locale.ROOT);
            };
        }
        StringBuilder word = new StringBuilder();
        for (int length = random.nextInt(7); length > 0; length--) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
