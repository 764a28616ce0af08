package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import opennlp.tools.lemmatizer.DefaultLemmatizerContextGenerator;
import org.junit.jupiter.api.Test;

/**
 * The lemmatiser's features are OpenNLP's, in OpenNLP's order, for awkward words too (CompactModelTests checks
 * every step of the shipped text): empty and one-letter words, hyphens, capitals and digits anywhere, letters
 * that are capitals or digits outside ASCII (which OpenNLP's [A-Z] and [0-9] do not count).
 */
class LemmaContextsTests {

    @Test
    void theFeaturesOfOpenNlpsLemmatiserForRandomAwkwardWords() {
        DefaultLemmatizerContextGenerator opennlp = new DefaultLemmatizerContextGenerator();
        LemmaContexts contexts = new LemmaContexts();
        String alphabet = "abzABZ0159-'.éÉİı٣２Ｚ _";
        Random random = new Random(14);
        int compared = 0;
        for (int i = 0; i < 5_000; i++) {
            String[] tokens = new String[1 + random.nextInt(5)];
            String[] tags = new String[tokens.length];
            String[] before = new String[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                StringBuilder word = new StringBuilder();
                for (int length = random.nextInt(12); length > 0; length--) {
                    word.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                tokens[t] = word.toString();
                tags[t] = random.nextBoolean() ? "NOUN" : "VERB";
                before[t] = random.nextBoolean() ? "O" : "1";
            }
            for (int at = 0; at < tokens.length; at++) {
                Object[] context = {tags};
                assertThat(contexts.getContext(at, tokens, before, context)).as(tokens[at])
                        .containsExactly(opennlp.getContext(at, tokens, before, context));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }
}
