package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The English pipeline as a start reads it, from the compact models the build put in the jar (CompactEnglish),
 * gives the tokens, lemmas and sentences of the pipeline made from OpenNLP's model files, on every shipped
 * training and evaluation text and every line of the shipped content.
 */
class CompactEnglishTests {

    @Test
    void theBuildPutsTheEnglishModelsInCompactFormInTheJar() {
        Optional<CompactEnglish> builtIn = CompactEnglish.builtIn();
        assertThat(builtIn).as("nlp-models/%s, written by ModelBuilder", CompactEnglish.fileName()).isPresent();
        // and a file read back is the file written
        byte[] bytes = builtIn.get().bytes();
        assertThat(CompactEnglish.read(bytes).bytes()).isEqualTo(bytes);
    }

    @Test
    void theSameWordsAndSentencesAsThePipelineMadeFromOpenNlpsModels() {
        EnglishPipeline compact = EnglishPipeline.of(CompactEnglish.builtIn().orElseThrow());
        EnglishPipeline opennlp = EnglishPipeline.fromOpenNlp();
        List<String> texts = new ArrayList<>(CompactModelTests.texts());
        texts.addAll(CompactTokenizerTests.contentLines());
        long words = 0;
        for (String text : texts) {
            EnglishPipeline.Words expected = opennlp.words(text);
            EnglishPipeline.Words actual = compact.words(text);
            Same.elements(actual.tokens(), expected.tokens(), () -> text);
            Same.elements(actual.lemmas(), expected.lemmas(), () -> text);
            assertThat(compact.sentences(text)).as(text).isEqualTo(opennlp.sentences(text));
            words += expected.tokens().length;
        }
        System.out.printf("COMPACT ENGLISH: %,d texts, %,d words identical to the pipeline from OpenNLP's models%n", texts.size(), words);
        assertThat(words).isGreaterThan(500_000);
    }
}
