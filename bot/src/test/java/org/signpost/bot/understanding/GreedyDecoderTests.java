package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;

/**
 * The pipeline reads the tagger and the lemmatiser greedily; the categorisers must see the very lemmas that
 * OpenNLP's own beam search (three sequences per token) gives, on every line they are trained and evaluated on.
 */
class GreedyDecoderTests {

    @Test
    void greedyLemmasAreTheBeamSearchLemmasOnEveryTrainingAndEvaluationLine() throws IOException {
        TokenizerME tokenizer = new TokenizerME(new TokenizerModel(EnglishPipeline.model("tokens")));
        POSTaggerME tagger = new POSTaggerME(new POSModel(EnglishPipeline.model("pos")));
        LemmatizerME lemmatizer = new LemmatizerME(new LemmatizerModel(EnglishPipeline.model("lemmas")));
        EnglishPipeline pipeline = EnglishPipeline.load();
        List<String> texts = texts();
        assertThat(texts).hasSizeGreaterThan(2000);
        int words = 0;
        for (String text : texts) {
            String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
            String[] lemmas = lemmatizer.lemmatize(raw, tagger.tag(raw));
            EnglishPipeline.Words greedy = pipeline.words(text);
            assertThat(greedy.tokens()).as(text).hasSameSizeAs(raw);
            for (int i = 0; i < raw.length; i++) {
                assertThat(greedy.lemmas()[i]).as("%s in: %s", raw[i], text).isEqualTo(EnglishPipeline.normalise(lemmas[i]));
            }
            words += raw.length;
        }
        assertThat(words).isGreaterThan(10_000);
    }

    private static List<String> texts() {
        ContentFolder content = ContentFolder.shipped();
        List<String> texts = new ArrayList<>();
        for (String file : List.of(UnderstandingConfiguration.INTENTS, UnderstandingConfiguration.THEMES)) {
            Categorizer.read(content, file).forEach(line -> texts.add(line.text()));
        }
        for (String file : List.of("eval-intents-en-GB.tsv", "eval-themes-en-GB.tsv")) {
            Evaluation.read(file).forEach(line -> texts.add(line.text()));
        }
        return texts;
    }
}
