package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.BeamSearchContextGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentFolder;

/**
 * The compact models give OpenNLP's probabilities bit for bit: every probability of every outcome is compared
 * with {@code ==} (and by its bits), on every shipped training and evaluation text, against the OpenNLP model
 * as OpenNLP itself reads it from a model file (trained here the way the build trains it). The crisis check is
 * the safety net: not one score may move.
 */
class CompactModelTests {

    static EnglishPipeline pipeline;
    static ContentFolder content;
    static List<String> texts;

    @BeforeAll
    static void load() {
        pipeline = EnglishPipeline.load();
        content = ContentFolder.shipped();
        texts = texts();
    }

    @Test
    void theCrisisModelsGiveOpenNlpsProbabilitiesOnEverySentenceOfEveryShippedText() {
        List<Categorizer.Labelled> examples = UnderstandingConfiguration.crisisExamples(content, CrisisScope.load(content));
        // the compact models as a start-up reads them: built into the jar by ModelBuilder
        CrisisModel compact = new CrisisModel(ModelCache.none().models(CrisisModel.KIND, examples,
                CrisisModel.parameters(), () -> fail("the build puts the shipped crisis models in the jar")));
        List<DocumentCategorizerME> opennlp = CrisisModel.train(examples).stream()
                .map(model -> new DocumentCategorizerME(asRead(model))).toList();
        for (int model = 0; model < 2; model++) {
            for (int i = 0; i < opennlp.get(model).getNumberOfCategories(); i++) {
                assertThat(compact.outcome(model, i)).isEqualTo(opennlp.get(model).getCategory(i));
            }
        }
        long compared = 0;
        for (String text : texts) {
            for (String[] sentence : CrisisText.sentences(text, pipeline)) {
                double[][] probabilities = compact.probabilities(sentence);
                for (int model = 0; model < 2; model++) {
                    double[] expected = opennlp.get(model).categorize(sentence, Map.of());
                    compared += assertIdentical(expected, probabilities[model], text);
                }
            }
        }
        System.out.printf("COMPACT crisis models: %,d probabilities identical to OpenNLP's%n", compared);
        assertThat(compared).isGreaterThan(500_000);
    }

    @Test
    void theIntentAndThemeModelsGiveOpenNlpsProbabilitiesOnEveryShippedText() {
        List<Categorizer> compact = new ArrayList<>();
        List<DocumentCategorizerME> opennlp = new ArrayList<>();
        for (String file : List.of(UnderstandingConfiguration.INTENTS, UnderstandingConfiguration.THEMES)) {
            List<Categorizer.Labelled> examples = Categorizer.read(content, file);
            compact.add(Categorizer.cached(pipeline, ModelCache.none(), file.contains("intents") ? "intents" : "themes",
                    examples));
            opennlp.add(new DocumentCategorizerME(asRead(Categorizer.model(pipeline, examples, Categorizer.naiveBayes()))));
        }
        for (int model = 0; model < 2; model++) {
            for (int i = 0; i < opennlp.get(model).getNumberOfCategories(); i++) {
                assertThat(compact.get(model).outcome(i)).isEqualTo(opennlp.get(model).getCategory(i));
            }
        }
        long compared = 0;
        for (String text : pipelineTexts()) {
            EnglishPipeline.Words words = pipeline.words(text);
            for (int model = 0; model < 2; model++) {
                double[] expected = opennlp.get(model).categorize(words.tokens(),
                        Map.of(TextFeatures.LEMMAS, words.lemmas()));
                compared += assertIdentical(expected, compact.get(model).probabilities(text), text);
                // the label the bot acts on: OpenNLP's best category (the first of a tie) and its probability
                Map.Entry<String, Double> best = compact.get(model).best(text);
                assertThat(best.getKey()).as(text).isEqualTo(opennlp.get(model).getBestCategory(expected));
                assertThat(best.getValue()).as(text).isEqualTo(Arrays.stream(expected).max().getAsDouble());
            }
        }
        System.out.printf("COMPACT intent and theme models: %,d probabilities identical to OpenNLP's%n", compared);
        assertThat(compared).isGreaterThan(500_000);
    }

    @Test
    void theTaggerAndLemmatiserGiveOpenNlpsProbabilitiesAndFeaturesAtEveryStep() throws IOException {
        // the tokens TokenizerME gives, span for span (CompactTokenizerTests), from the tokenizer made of its model
        CompactTokenizer tokenizer = new CompactTokenizer(new TokenizerModel(EnglishPipeline.model("tokens")));
        POSModel pos = new POSModel(EnglishPipeline.model("pos"));
        LemmatizerModel lemmas = new LemmatizerModel(EnglishPipeline.model("lemmas"));
        MaxentModel posModel = pos.getArtifact("pos.model");
        MaxentModel lemmaModel = lemmas.getArtifact("lemmatizer.model");
        BeamSearchContextGenerator<String> posContexts = pos.getFactory().getPOSContextGenerator(0);
        BeamSearchContextGenerator<String> lemmaContexts = lemmas.getFactory().getContextGenerator();
        GreedyDecoder tagger = GreedyDecoder.tagger(pos).get();
        GreedyDecoder lemmatizer = GreedyDecoder.lemmatizer(lemmas).get();
        long[] compared = new long[1];
        for (String text : pipelineTexts()) {
            String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
            int[] at = new int[1];
            String[] tags = tagger.decode(raw, null, (ids, before, scores) -> {
                // OpenNLP's own context generator, over the model's own factory, at the same step: the numbers of
                // its features, in its order
                String[] features = posContexts.getContext(at[0]++, raw, before, null);
                Same.ints(ids, tagger.predicates().ids(features), () -> text);
                compared[0] += assertIdentical(posModel.eval(features), tagger.probabilities(scores), text);
            });
            Object[] context = {tags};
            at[0] = 0;
            lemmatizer.decode(raw, context, (ids, before, scores) -> {
                String[] features = lemmaContexts.getContext(at[0]++, raw, before, context);
                Same.ints(ids, lemmatizer.predicates().ids(features), () -> text);
                compared[0] += assertIdentical(lemmaModel.eval(features), lemmatizer.probabilities(scores), text);
            });
        }
        // the outcomes' names and order: the models' own, not the texts'
        for (int i = 0; i < posModel.getNumOutcomes(); i++) {
            assertThat(tagger.outcome(i)).isEqualTo(posModel.getOutcome(i));
        }
        System.out.printf("COMPACT tagger and lemmatiser: %,d probabilities identical to OpenNLP's%n", compared[0]);
        assertThat(compared[0]).isGreaterThan(100_000_000);
    }

    @Test
    void modelsTrainedAtStartUpAreCachedInCompactFormAndReadBackTheSame(@TempDir Path root) throws IOException {
        List<Categorizer.Labelled> examples = new ArrayList<>(Categorizer.read(content, UnderstandingConfiguration.INTENTS));
        examples.add(new Categorizer.Labelled("support", "an organisation's own way of asking for the helpline"));
        ModelCache cache = new ModelCache(Optional.of(root.resolve("models")));
        Categorizer trained = Categorizer.cached(pipeline, cache, "intents", examples);
        Categorizer read = Categorizer.cached(pipeline, cache, "intents", examples);
        try (var files = Files.list(root.resolve("models"))) {
            assertThat(files.map(path -> path.getFileName().toString()).toList())
                    .containsExactly(ModelCache.fileName("intents", examples, List.of(Categorizer.naiveBayes())));
        }
        DocumentCategorizerME opennlp = new DocumentCategorizerME(asRead(
                Categorizer.model(pipeline, examples, Categorizer.naiveBayes())));
        for (String text : texts.subList(0, 2_000)) {
            EnglishPipeline.Words words = pipeline.words(text);
            double[] expected = opennlp.categorize(words.tokens(), Map.of(TextFeatures.LEMMAS, words.lemmas()));
            assertIdentical(expected, trained.probabilities(text), text);
            assertIdentical(expected, read.probabilities(text), text);
        }
    }

    /** The model as OpenNLP reads it back from its own file: what the jar held before the compact form. */
    static DoccatModel asRead(DoccatModel trained) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.serialize(bytes);
            return new DoccatModel(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int assertIdentical(double[] expected, double[] actual, String text) {
        if (actual == null || actual.length != expected.length) {
            assertThat(actual).as(text).hasSameSizeAs(expected);
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i] || Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail("Outcome %d: OpenNLP %s, compact %s, in: %s", i, expected[i], actual[i], text);
            }
        }
        return expected.length;
    }

    /**
     * The texts as the tagger, the lemmatiser and the categorisers read them: intent routing reads the first
     * {@link OpenNlpIntents#MAX_CHARACTERS} characters of a message, so the external sets' long posts are cut
     * there (whole, they would only make this test slower); all other texts are short and read whole.
     */
    static List<String> pipelineTexts() {
        return texts.stream().map(text -> text.length() > OpenNlpIntents.MAX_CHARACTERS
                ? text.substring(0, OpenNlpIntents.MAX_CHARACTERS) : text).toList();
    }

    /** Every shipped training and evaluation text: crisis, intents, themes, the external crisis sets. */
    static List<String> texts() {
        ContentFolder content = ContentFolder.shipped();
        List<String> texts = new ArrayList<>();
        for (String file : List.of(UnderstandingConfiguration.CRISIS, UnderstandingConfiguration.PUBLIC_ORDINARY,
                UnderstandingConfiguration.INTENTS, UnderstandingConfiguration.THEMES)) {
            Categorizer.read(content, file).forEach(line -> texts.add(line.text()));
        }
        for (String file : List.of("eval-intents-en-GB.tsv", "eval-themes-en-GB.tsv")) {
            Evaluation.read(file).forEach(line -> texts.add(line.text()));
        }
        for (String file : List.of("eval-crisis-en-GB.tsv", "eval-crisis-scope-en-GB.tsv", "external/external-dev-en.tsv",
                "external/external-heldout-en.tsv")) {
            CrisisEvaluationTests.read(file, columns -> new CrisisEvaluationTests.Line("", "", "", columns[columns.length - 1]))
                    .forEach(line -> texts.add(line.text()));
        }
        return texts;
    }
}
