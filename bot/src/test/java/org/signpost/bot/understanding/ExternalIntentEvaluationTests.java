package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.understanding.Intent;

/**
 * Intent routing measured on people's own phrasings written outside the project: CLINC150 (CC BY 3.0; see
 * resources/nlp/PROVENANCE.md), its small-talk and meta intents mapped to Signpost's where one corresponds and
 * everything else, out-of-scope queries and 140 other domains (banking, travel...), to "none". A label "a|b"
 * accepts either intent. Prints accuracy per label, the worst confusions and the harmful routes (text meant for
 * nothing that would start a survey, a sign-up, a pledge, an opt-out, HR's results or the crisis card); figures go
 * in docs/benchmarks.md. The development set was looked at to fix the training data; the held-out set was looked at
 * once, after the changes were settled (2026-12-03), and only its figures are printed.
 */
class ExternalIntentEvaluationTests {

    /** Intents whose reply starts something, changes something or shows HR's data: wrong for text meant for none. */
    static final Set<String> HARMFUL = Set.of("survey", "results", "pledge", "focusgroup", "focusgroup-withdraw",
            "stop-announcements", "start-announcements", "announcement", "campaign");

    /**
     * What each set reached on 2026-12-03 (accuracy: at least; harmful routes and crisis cards, as a share of all the
     * set's lines: at most); before that round's training lines the development set stood at 0.546 / 0.0711 / 0.0061
     * and the held-out set at 0.600 / 0.0770 / 0.0053 (docs/benchmarks.md). Raise a floor when routing improves; never lower one to pass.
     */
    static final Map<String, double[]> FLOORS = Map.of(
            "intents-clinc-dev-en.tsv", new double[] {0.772, 0.0229, 0.0058},
            "intents-clinc-heldout-en.tsv", new double[] {0.804, 0.0282, 0.0048});

    static OpenNlpIntents intents;
    static OpenNlpCrisisDetector crisis;

    @BeforeAll
    static void train() {
        EnglishPipeline pipeline = EnglishPipeline.load();
        ContentFolder content = ContentFolder.shipped();
        intents = new OpenNlpIntents(Categorizer.train(pipeline, content, UnderstandingConfiguration.INTENTS),
                UnderstandingEvaluationTests.settings.intentThreshold());
        crisis = UnderstandingConfiguration.crisisDetector(pipeline, content, ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
    }

    @Test
    void theDevelopmentSetHoldsItsFloors() {
        evaluate("intents-clinc-dev-en.tsv", true);
    }

    @Test
    void theHeldOutSetHoldsItsFloors() {
        evaluate("intents-clinc-heldout-en.tsv", false);
    }

    @Test
    void noTrainingLineIsANearCopyOfAnExternalLine() throws IOException {
        List<Set<String>> training = new ArrayList<>();
        for (String line : Files.readAllLines(UnderstandingEvaluationTests.TRAINING.resolve("intents-en-GB.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                training.add(Evaluation.tokens(line.substring(line.indexOf(' ') + 1)));
            }
        }
        assertThat(training).hasSizeGreaterThan(1000);
        int near = 0;
        for (String set : FLOORS.keySet()) {
            for (Evaluation line : Evaluation.read("external/" + set)) {
                Set<String> tokens = Evaluation.tokens(line.text());
                // one- and two-word lines ("hello", "thank you") are said the same way by everyone
                if (tokens.size() > 2 && training.stream().anyMatch(t -> Evaluation.jaccard(tokens, t) >= 0.8)) {
                    near++;
                }
            }
        }
        System.out.printf("EVALUATION CLINC lines of three words or more with a near-copy among the intent lines: %d%n", near);
        // those that were there before CLINC was added (written independently); the training lines added since were
        // written in the team's own words, never from CLINC, so this must not grow
        assertThat(near).isLessThanOrEqualTo(NEAR_COPIES_BEFORE);
    }

    static final int NEAR_COPIES_BEFORE = 52;

    private static void evaluate(String set, boolean showLines) {
        List<Evaluation> lines = Evaluation.read("external/" + set);
        Map<String, int[]> perLabel = new TreeMap<>();
        Map<String, int[]> perSource = new TreeMap<>();
        Map<String, Integer> confusions = new LinkedHashMap<>();
        List<String> harmfulLines = new ArrayList<>();
        int right = 0;
        List<String> wrong = new ArrayList<>();
        int harmful = 0;
        int cards = 0;
        for (Evaluation line : lines) {
            String predicted = intents.recognize(line.text(), Locale.UK).map(Intent::id).orElse(OpenNlpIntents.NONE);
            boolean correct = Set.of(line.label().split("\\|")).contains(predicted);
            perLabel.computeIfAbsent(line.label(), l -> new int[2])[correct ? 0 : 1]++;
            perSource.computeIfAbsent(line.spelling(), l -> new int[2])[correct ? 0 : 1]++;
            if (correct) {
                right++;
            } else {
                confusions.merge(line.label() + " -> " + predicted, 1, Integer::sum);
                wrong.add(line.label() + "\t" + predicted + "\t" + line.spelling() + "\t" + line.text());
            }
            boolean card = crisis.category(line.text(), Locale.UK).isPresent();
            if (HARMFUL.contains(predicted) || card) {
                harmful += HARMFUL.contains(predicted) ? 1 : 0;
                cards += card ? 1 : 0;
                harmfulLines.add((card ? "crisis card" : predicted) + " <- " + line.spelling() + ": " + line.text());
            }
        }
        double accuracy = (double) right / lines.size();
        double harmfulShare = (double) harmful / lines.size();
        double cardShare = (double) cards / lines.size();
        System.out.printf("EVALUATION %s: accuracy %.3f on %d lines; harmful routes %d (%.4f), crisis cards %d (%.4f)%n",
                set, accuracy, lines.size(), harmful, harmfulShare, cards, cardShare);
        perLabel.forEach((label, c) -> System.out.printf("EVALUATION   %s label %-16s accuracy %.3f (%d of %d)%n", set,
                label, (double) c[0] / (c[0] + c[1]), c[0], c[0] + c[1]));
        perSource.entrySet().stream().filter(e -> e.getValue()[1] > 0)
                .sorted(Comparator.comparingDouble(e -> (double) e.getValue()[0] / (e.getValue()[0] + e.getValue()[1])))
                .limit(25).forEach(e -> System.out.printf("EVALUATION   %s CLINC %-22s accuracy %.3f (%d of %d)%n", set,
                        e.getKey(), (double) e.getValue()[0] / (e.getValue()[0] + e.getValue()[1]), e.getValue()[0],
                        e.getValue()[0] + e.getValue()[1]));
        confusions.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(20)
                .forEach(e -> System.out.printf("EVALUATION   %s confusion %-32s %d%n", set, e.getKey(), e.getValue()));
        if (showLines) {
            try {
                // every misroute of the development set, for whoever fixes the training data (not committed)
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "clinc-dev-misroutes.tsv"), wrong);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            harmfulLines.forEach(line -> System.out.printf("EVALUATION   %s harmful: %s%n", set, line));
        }
        double[] floor = FLOORS.get(set);
        assertThat(accuracy).as(set + " accuracy").isGreaterThanOrEqualTo(floor[0] - 0.0005);
        assertThat(harmfulShare).as(set + " harmful routes").isLessThanOrEqualTo(floor[1] + 0.00005);
        assertThat(cardShare).as(set + " crisis cards").isLessThanOrEqualTo(floor[2] + 0.00005);
    }
}
