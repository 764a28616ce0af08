package org.signpost.bot.understanding;

import java.util.List;
import java.util.Locale;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.ThreadSafeTokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.signpost.dialogs.content.ContentFolder;

/**
 * A direction finder, not a test: the mean time per typed message (the load harness's chatter phrases) of each
 * stage of the pipeline, printed. Run by hand with the test class path; figures are noisy on a shared machine.
 */
final class PipelineStages {

    public static void main(String[] arguments) throws Exception {
        List<String> texts = Evaluation.read("eval-intents-en-GB.tsv").stream().map(Evaluation::text).toList();
        int rounds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 30;
        TokenizerModel tokenizerModel = new TokenizerModel(EnglishPipeline.model("tokens"));
        System.out.println("abbreviations: " + tokenizerModel.getAbbreviations() + ", alphanumeric optimisation: "
                + tokenizerModel.getFactory().isUseAlphaNumericOptimization() + " " + tokenizerModel.getFactory().getAlphaNumericPattern());
        ThreadSafeTokenizerME opennlp = new ThreadSafeTokenizerME(tokenizerModel);
        CompactTokenizer tokenizer = new CompactTokenizer(tokenizerModel);
        GreedyDecoder tagger = GreedyDecoder.tagger(new POSModel(EnglishPipeline.model("pos"))).get();
        GreedyDecoder lemmatizer = GreedyDecoder.lemmatizer(new LemmatizerModel(EnglishPipeline.model("lemmas"))).get();
        EnglishPipeline pipeline = EnglishPipeline.load();
        ContentFolder content = ContentFolder.shipped();
        Categorizer intents = Categorizer.cached(pipeline, ModelCache.none(), "intents",
                Categorizer.read(content, UnderstandingConfiguration.INTENTS));
        OpenNlpCrisisDetector crisis = UnderstandingConfiguration.crisisDetector(pipeline, content, ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
        String[][] raw = texts.stream().map(tokenizer::tokenize).toArray(String[][]::new);
        String[][] tags = new String[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            tags[i] = tagger.decode(raw[i], null);
        }
        for (int round = 0; round < rounds; round++) {
            long o0 = cpu();
            for (String text : texts) {
                opennlp.tokenize(text);
            }
            long t0 = cpu();
            for (String text : texts) {
                tokenizer.tokenize(text);
            }
            long t1 = cpu();
            for (String[] tokens : raw) {
                tagger.decode(tokens, null);
            }
            long t2 = cpu();
            for (int i = 0; i < raw.length; i++) {
                LemmatizerME.decodeLemmas(raw[i], lemmatizer.decode(raw[i], new Object[] {tags[i]}));
            }
            long t3 = cpu();
            for (String text : texts) {
                // alternate texts (once so that a last-text memo never answered; there is none since nlp18)
                intents.probabilities(text);
                intents.probabilities(text + " ");
            }
            long t4 = cpu();
            for (String text : texts) {
                crisis.category(text, Locale.UK);
            }
            long t5 = cpu();
            double n = texts.size();
            if (round >= rounds / 2) {
                System.out.printf("STAGES µs per text: TokenizerME %.1f  tokenize %.1f  tag %.1f  lemmatise %.1f  intents (whole) %.1f  crisis %.1f%n",
                        (t0 - o0) / n / 1e3, (t1 - t0) / n / 1e3, (t2 - t1) / n / 1e3, (t3 - t2) / n / 1e3, (t4 - t3) / n / 2e3, (t5 - t4) / n / 1e3);
            }
        }
    }

    /** This thread's CPU time: other processes on the machine do not count. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
