package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.understanding.Intent;

/**
 * The intent and theme categorisers measured on evaluation lines written apart from the training data:
 * per-intent precision and recall are printed, and the product's floors asserted on the whole set and on the
 * misspelt/British slice. The crisis check has its own evaluation (CrisisEvaluationTests).
 */
class UnderstandingEvaluationTests {

    static final Path TRAINING = Path.of("..", "resources", "nlp");
    static EnglishPipeline pipeline;
    static OpenNlpIntents intents;
    static UnderstandingSettings settings = new UnderstandingSettings(0.5, 0.15, 0.35, null);

    @BeforeAll
    static void train() {
        pipeline = EnglishPipeline.load();
        ContentFolder content = ContentFolder.shipped();
        intents = new OpenNlpIntents(Categorizer.train(pipeline, content, UnderstandingConfiguration.INTENTS),
                settings.intentThreshold());
    }

    @Test
    void noEvaluationLineIsANearCopyOfATrainingLine() throws IOException {
        List<Set<String>> training = new ArrayList<>();
        try (Stream<Path> files = Files.list(TRAINING)) {
            // the public web text is checked against every evaluation set in CrisisEvaluationTests
            for (Path file : files.filter(f -> f.toString().endsWith(".txt"))
                    .filter(f -> !f.toString().endsWith(UnderstandingConfiguration.PUBLIC_ORDINARY.substring(4))).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        training.add(Evaluation.tokens(line.substring(line.indexOf(' ') + 1)));
                    }
                }
            }
        }
        assertThat(training).hasSizeGreaterThan(1000);
        for (String file : List.of("eval-intents-en-GB.tsv", "eval-crisis-en-GB.tsv", "eval-themes-en-GB.tsv")) {
            for (Evaluation line : Evaluation.read(file)) {
                Set<String> tokens = Evaluation.tokens(line.text());
                for (Set<String> trained : training) {
                    assertThat(Evaluation.jaccard(tokens, trained)).as("%s: %s", file, line.text()).isLessThan(0.8);
                }
            }
        }
    }

    @Test
    void intentsAreRecognisedWellEnough() {
        List<Evaluation> lines = Evaluation.read("eval-intents-en-GB.tsv");
        assertThat(lines.stream().map(Evaluation::label).distinct()).contains("support", "privacy", "greeting",
                "thanks", "menu", "survey", "cancel", "none");
        Map<String, Long> perIntent = new LinkedHashMap<>();
        lines.forEach(line -> perIntent.merge(line.label(), 1L, Long::sum));
        perIntent.forEach((intent, count) -> assertThat(count).as(intent).isGreaterThanOrEqualTo(30));
        assertThat(lines.stream().filter(Evaluation::variantSpelling).count()).isGreaterThanOrEqualTo(lines.size() / 5);

        double all = intentAccuracy(lines, line -> true);
        double variant = intentAccuracy(lines, Evaluation::variantSpelling);
        System.out.printf("EVALUATION intents: accuracy %.3f on %d lines, %.3f on the misspelt/British slice%n",
                all, lines.size(), variant);
        assertThat(all).isGreaterThanOrEqualTo(0.9);
        assertThat(variant).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void freeTextAnswersAreReducedToTheRightThemes() {
        OpenNlpThemes themes = new OpenNlpThemes(pipeline, Categorizer.train(pipeline, ContentFolder.shipped(),
                UnderstandingConfiguration.THEMES), settings.themeThreshold());
        List<Evaluation> lines = Evaluation.read("eval-themes-en-GB.tsv");
        assertThat(lines.stream().map(Evaluation::label).distinct().sorted().toList())
                .containsExactlyInAnyOrderElementsOf(SurveyDefinition.THEMES);
        long found = lines.stream().filter(line -> themes.themes(line.text()).contains(line.label())).count();
        double share = (double) found / lines.size();
        System.out.printf("EVALUATION themes: the expected theme is among those found for %.3f of %d answers%n",
                share, lines.size());
        // no floor is set by the product for themes; this guards against a broken model or data
        assertThat(share).isGreaterThanOrEqualTo(0.7);
    }

    private static double intentAccuracy(List<Evaluation> lines, Predicate<Evaluation> slice) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        int right = 0;
        int total = 0;
        for (Evaluation line : lines.stream().filter(slice).toList()) {
            String predicted = intents.recognize(line.text(), Locale.UK).map(Intent::id).orElse(OpenNlpIntents.NONE);
            counts.computeIfAbsent(line.label(), l -> new int[3])[1]++;
            counts.computeIfAbsent(predicted, l -> new int[3])[2]++;
            if (predicted.equals(line.label())) {
                counts.get(line.label())[0]++;
                right++;
            }
            total++;
        }
        if (slice.test(new Evaluation("", "standard", ""))) {
            for (String intent : new TreeSet<>(counts.keySet())) {
                int[] c = counts.get(intent);
                System.out.printf("EVALUATION intent %-9s precision %.3f recall %.3f (%d lines)%n", intent,
                        c[2] == 0 ? 0 : (double) c[0] / c[2], c[1] == 0 ? 0 : (double) c[0] / c[1], c[1]);
            }
        }
        return (double) right / total;
    }
}
