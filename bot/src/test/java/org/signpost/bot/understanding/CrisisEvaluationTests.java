package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;

/**
 * The crisis check measured on the project's own sets and on text written outside the project: a development
 * set (Reddit C-SSRS users at risk, Counsel Chat questions) and a held-out set (other C-SSRS users, so the same
 * crisis source, which no openly licensed alternative could replace; GoEmotions comments); see
 * resources/nlp/PROVENANCE.md for how they were chosen and kept apart. Prints recall and false alarms per set and per category; figures go in docs/benchmarks.md.
 * On the external sets an at-risk person counts as caught when any of their posts brings the card (the
 * annotators rated people, not posts).
 */
class CrisisEvaluationTests {

    /** The product owner's goal, on every set. */
    static final double GOAL_RECALL = 0.95;
    static final double GOAL_FALSE_ALARMS = 0.05;
    /**
     * The external sets do not reach the goal's recall, and cannot with these sources (docs/benchmarks.md,
     * resources/nlp/PROVENANCE.md): C-SSRS rates people on their whole posting history, and the people missed write
     * nothing a reader could point to in the posts the set holds. Each set keeps a floor at what the check reached
     * (2026-11-30, second round; the third round left both unchanged, the held-out figure again looked at once,
     * after that round's design was settled), so any regression fails,
     * and the gap to the goal is printed loudly. Raise a floor when the check improves; never lower one to pass.
     */
    static final Map<String, Double> EXTERNAL_RECALL_FLOORS = Map.of(
            "external-dev-en.tsv", 0.855,
            "external-heldout-en.tsv", 0.822);

    /**
     * The own sets reach more than the goal; each holds what it reached (docs/benchmarks.md), so a disclosure the
     * check stops catching there fails the build instead of hiding under the goal's 5% margin. The scope set has
     * one line per way of saying it and must be caught whole.
     */
    static final Map<String, Double> OWN_RECALL_FLOORS = Map.of(
            "own set", 0.980,
            "own scope set", 1.000);

    record Line(String label, String kind, String person, String text) {
    }

    static OpenNlpCrisisDetector crisis;
    private static final Map<String, Boolean> CARDS = new HashMap<>();

    @BeforeAll
    static void load() {
        ContentFolder content = ContentFolder.shipped();
        crisis = UnderstandingConfiguration.crisisDetector(EnglishPipeline.load(), content, ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
    }

    @Test
    void theOwnSetsHoldTheGoal() {
        List<Line> own = read("eval-crisis-en-GB.tsv", columns -> new Line(columns[0], columns[1], null, columns[2]));
        for (String slice : List.of("standard", "misspelt", "british")) {
            report("own set, " + slice, own.stream().filter(line -> line.kind().equals(slice)).toList());
        }
        Figures whole = report("own set", own);
        List<Line> scope = read("eval-crisis-scope-en-GB.tsv", columns -> new Line(
                columns[0].equals(OpenNlpCrisisDetector.ORDINARY) ? columns[0] : "crisis", columns[0] + " " + columns[1],
                null, columns[2]));
        Figures categories = report("own scope set", scope);
        byKind("own scope set", scope);
        for (Figures figures : List.of(whole, categories)) {
            assertThat(figures.recall()).as(figures.name() + " recall")
                    .isGreaterThanOrEqualTo(OWN_RECALL_FLOORS.get(figures.name()) - 0.0005);
            assertThat(figures.falseAlarms()).as(figures.name() + " false alarms").isLessThanOrEqualTo(GOAL_FALSE_ALARMS);
        }
    }

    @Test
    void theExternalSetsHoldTheFalseAlarmGoalAndTheirRecallFloors() {
        for (String set : List.of("external-dev-en.tsv", "external-heldout-en.tsv")) {
            List<Line> lines = read("external/" + set, columns -> new Line(columns[0], columns[1], columns[2], columns[3]));
            Figures figures = report(set, lines);
            byKind(set, lines);
            if (figures.recall() < GOAL_RECALL) {
                String bar = "!".repeat(100);
                System.out.printf("EVALUATION %s%nEVALUATION !!! %s: recall %.3f is %.3f BELOW THE GOAL OF %.2f "
                        + "(held only at the floor %.3f; why and what would close it: docs/benchmarks.md)%n"
                        + "EVALUATION %s%n", bar, set, figures.recall(), GOAL_RECALL - figures.recall(), GOAL_RECALL,
                        EXTERNAL_RECALL_FLOORS.get(set), bar);
            }
            // a little tolerance for floating point only: the floors are the figures reached, to three places
            assertThat(figures.recall()).as(set + " recall").isGreaterThanOrEqualTo(EXTERNAL_RECALL_FLOORS.get(set) - 0.0005);
            assertThat(figures.falseAlarms()).as(set + " false alarms").isLessThanOrEqualTo(GOAL_FALSE_ALARMS);
        }
    }

    @Test
    void noEvaluationTextWasUsedForTraining() throws IOException {
        Set<String> training = new HashSet<>();
        try (Stream<Path> files = Files.list(UnderstandingEvaluationTests.TRAINING)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.startsWith("#") && line.indexOf(' ') > 0) {
                        training.add(String.join(" ", CrisisText.tokens(line.substring(line.indexOf(' ') + 1))));
                    }
                }
            }
        }
        assertThat(training).hasSizeGreaterThan(15_000);
        int sentences = 0;
        for (String set : List.of("external/external-dev-en.tsv", "external/external-heldout-en.tsv",
                "eval-crisis-scope-en-GB.tsv", "eval-crisis-en-GB.tsv")) {
            for (Line line : read(set, columns -> new Line(columns[0], "", "", columns[columns.length - 1]))) {
                for (String sentence : line.text().split("(?<=[.!?])\\s+")) {
                    String words = String.join(" ", CrisisText.tokens(sentence));
                    // sentences of seven words or more: shorter ones ("I don't know what to do") recur anywhere
                    if (words.split(" ").length >= 7) {
                        sentences++;
                        // the set's own lookup: AssertJ's doesNotContain walks the whole set for every sentence
                        if (training.contains(words)) {
                            fail("%s: a training line repeats an evaluation sentence: %s", set, words);
                        }
                    }
                }
            }
        }
        assertThat(sentences).isGreaterThan(5_000);
    }

    record Figures(String name, double recall, double falseAlarms) {
    }

    /** Recall (by person where the set names people) and false alarms (by message), printed. */
    static Figures report(String name, List<Line> lines) {
        Map<String, Boolean> caught = new LinkedHashMap<>();
        int ordinary = 0;
        int alarms = 0;
        for (Line line : lines) {
            boolean card = card(line.text());
            if (line.label().equals(OpenNlpCrisisDetector.ORDINARY)) {
                ordinary++;
                alarms += card ? 1 : 0;
            } else {
                caught.merge(Optional.ofNullable(line.person()).orElse("line " + caught.size()), card, Boolean::logicalOr);
            }
        }
        long found = caught.values().stream().filter(Boolean::booleanValue).count();
        double recall = caught.isEmpty() ? 1 : (double) found / caught.size();
        double falseAlarms = ordinary == 0 ? 0 : (double) alarms / ordinary;
        System.out.printf("EVALUATION %-32s recall %.3f (%d of %d %s), false alarms %.3f (%d of %d)%n", name, recall,
                found, caught.size(), lines.stream().anyMatch(l -> l.person() != null) ? "people" : "messages",
                falseAlarms, alarms, ordinary);
        return new Figures(name, recall, falseAlarms);
    }

    /** The same, per category of crisis (recall) and per kind of ordinary text (false alarms). */
    static void byKind(String name, List<Line> lines) {
        Map<String, List<Line>> kinds = new TreeMap<>();
        lines.forEach(line -> kinds.computeIfAbsent(line.label() + ": " + line.kind(), k -> new ArrayList<>()).add(line));
        kinds.forEach((kind, group) -> {
            long cards = group.stream().filter(line -> card(line.text())).count();
            if (group.get(0).person() != null && !group.get(0).label().equals(OpenNlpCrisisDetector.ORDINARY)) {
                Set<String> people = new HashSet<>();
                Set<String> reached = new HashSet<>();
                group.forEach(line -> {
                    people.add(line.person());
                    if (card(line.text())) {
                        reached.add(line.person());
                    }
                });
                System.out.printf("EVALUATION   %s %-28s recall %.3f (%d of %d people)%n", name, kind,
                        (double) reached.size() / people.size(), reached.size(), people.size());
            } else {
                System.out.printf("EVALUATION   %s %-28s %s %.3f (%d of %d)%n", name, kind,
                        group.get(0).label().equals(OpenNlpCrisisDetector.ORDINARY) ? "false alarms" : "recall",
                        (double) cards / group.size(), cards, group.size());
            }
        });
    }

    /** Whether the text brings the card; each text is checked once, the figures by set and by kind reuse it. */
    static boolean card(String text) {
        return CARDS.computeIfAbsent(text, t -> crisis.category(t, Locale.UK).isPresent());
    }

    static List<Line> read(String resource, Function<String[], Line> parse) {
        try (InputStream in = CrisisEvaluationTests.class.getResourceAsStream("/nlp/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("No evaluation file " + resource);
            }
            List<Line> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(parse.apply(line.split("\t", -1)));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
