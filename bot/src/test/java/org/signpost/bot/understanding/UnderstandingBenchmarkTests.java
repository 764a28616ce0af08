package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Benchmark: model load and training times, and the mean time per message of the crisis check plus intent
 * routing, for short messages and for messages of 2,000 characters, printed (not asserted: the machines are
 * noisy). Figures go in docs/benchmarks.md.
 */
class UnderstandingBenchmarkTests {

    @Test
    void printsLoadTrainingAndClassificationTimes() {
        long start = System.nanoTime();
        EnglishPipeline pipeline = EnglishPipeline.load();
        long loaded = System.nanoTime();
        ContentFolder content = ContentFolder.shipped();
        // the built-in models (trained at build time), as a start-up reads them
        OpenNlpIntents intents = new OpenNlpIntents(Categorizer.cached(pipeline, ModelCache.none(), "intents",
                Categorizer.read(content, UnderstandingConfiguration.INTENTS)), 0.5);
        OpenNlpCrisisDetector crisis = UnderstandingConfiguration.crisisDetector(pipeline, content, ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
        long modelsRead = System.nanoTime();
        List<Categorizer.Labelled> examples = UnderstandingConfiguration.crisisExamples(content, CrisisScope.load(content));
        CrisisModel.train(examples, CrisisModel.parameters("NAIVEBAYES"));
        long bayes = System.nanoTime();
        CrisisModel.train(examples, CrisisModel.parameters("MAXENT"));
        long maxent = System.nanoTime();

        List<String> short_ = CrisisEvaluationTests.read("eval-crisis-en-GB.tsv",
                columns -> new CrisisEvaluationTests.Line(columns[0], columns[1], null, columns[2]))
                .stream().map(CrisisEvaluationTests.Line::text).toList();
        String paragraph = "We went over the figures again this morning and I think the plan is fine, but the rota "
                + "for next month still has gaps on the Friday late shift, so could someone have a look? ";
        String longMessage = paragraph.repeat(2_000 / paragraph.length() + 1).substring(0, 2_000);
        double shortMean = mean(short_, crisis, intents, 3);
        double longMean = mean(List.of(longMessage), crisis, intents, 300);
        assertThat(crisis.category(longMessage, Locale.UK)).isEmpty();
        System.out.printf("BENCHMARK understanding: load OpenNLP pipeline %.0f ms; read built-in models %.0f ms; "
                        + "train crisis naive Bayes %.0f ms, maxent %.0f ms (%d examples)%n",
                (loaded - start) / 1e6, (modelsRead - loaded) / 1e6, (bayes - modelsRead) / 1e6, (maxent - bayes) / 1e6,
                examples.size());
        System.out.printf("BENCHMARK crisis check + intent per message: %.3f ms (mean of %d short messages), "
                + "%.3f ms (2,000 characters, mean of 300)%n", shortMean, short_.size() * 3, longMean);
    }

    private static double mean(List<String> messages, OpenNlpCrisisDetector crisis, OpenNlpIntents intents, int rounds) {
        for (String message : messages.subList(0, Math.min(100, messages.size()))) {
            crisis.category(message, Locale.UK);
            intents.recognize(message, Locale.UK);
        }
        long start = System.nanoTime();
        int count = 0;
        for (int round = 0; round < rounds; round++) {
            for (String message : messages) {
                // what every personal message costs: the crisis check, then intent routing
                crisis.category(message, Locale.UK);
                intents.recognize(message, Locale.UK);
                count++;
            }
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }
}
