package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Benchmark: model load time, training time and mean classification time per message, printed (not
 * asserted: the machines are noisy). Figures go in docs/benchmarks.md.
 */
class UnderstandingBenchmarkTests {

    @Test
    void printsLoadTrainingAndClassificationTimes() {
        long start = System.nanoTime();
        EnglishPipeline pipeline = EnglishPipeline.load();
        long loaded = System.nanoTime();
        ContentFolder content = ContentFolder.shipped();
        Categorizer intentModel = Categorizer.train(pipeline, content, UnderstandingConfiguration.INTENTS);
        long intentsTrained = System.nanoTime();
        Categorizer crisisModel = UnderstandingConfiguration.crisisModel(pipeline, content);
        long crisisTrained = System.nanoTime();
        Categorizer themeModel = Categorizer.train(pipeline, content, UnderstandingConfiguration.THEMES);
        long themesTrained = System.nanoTime();

        OpenNlpIntents intents = new OpenNlpIntents(intentModel, 0.5);
        OpenNlpCrisisDetector crisis = new OpenNlpCrisisDetector(crisisModel, 0.3);
        List<String> messages = Evaluation.read("eval-crisis-en-GB.tsv").stream().map(Evaluation::text).toList();
        for (String message : messages.subList(0, Math.min(100, messages.size()))) {
            crisis.isCrisis(message);
            intents.recognize(message, Locale.UK);
        }
        int rounds = 3;
        long classifyStart = System.nanoTime();
        int classified = 0;
        for (int round = 0; round < rounds; round++) {
            for (String message : messages) {
                // what every personal message costs: the crisis check, then intent routing
                crisis.isCrisis(message);
                intents.recognize(message, Locale.UK);
                classified++;
            }
        }
        long classifyEnd = System.nanoTime();
        assertThat(classified).isPositive();
        assertThat(themeModel.scores("we are short staffed").keySet()).contains("workload");
        System.out.printf("BENCHMARK understanding: load OpenNLP models %.0f ms; train intents %.0f ms, crisis %.0f ms, "
                        + "themes %.0f ms; crisis check + intent per message %.3f ms (mean of %d)%n",
                (loaded - start) / 1e6, (intentsTrained - loaded) / 1e6, (crisisTrained - intentsTrained) / 1e6,
                (themesTrained - crisisTrained) / 1e6, (classifyEnd - classifyStart) / 1e6 / classified, classified);
    }
}
