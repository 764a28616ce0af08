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
 * stage of the pipeline, printed. Run by hand with the test class path ({@code [rounds] [cold]}); figures are
 * noisy on a shared machine.
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
        boolean cold = arguments.length > 1 && arguments[1].equals("cold");
        List<Integer> each = java.util.stream.IntStream.range(0, texts.size()).boxed().toList();
        for (int round = 0; round < rounds; round++) {
            double opennlpTokens = stage(each, i -> opennlp.tokenize(texts.get(i)), cold);
            double tokens = stage(each, i -> tokenizer.tokenize(texts.get(i)), cold);
            double tagged = stage(each, i -> tagger.decode(raw[i], null), cold);
            double lemmas = stage(each, i -> LemmatizerME.decodeLemmas(raw[i], lemmatizer.decode(raw[i], new Object[] {tags[i]})), cold);
            // alternate texts (once so that a last-text memo never answered; there is none since nlp18)
            double routed = stage(each, i -> {
                intents.probabilities(texts.get(i));
                if (!cold) {
                    intents.probabilities(texts.get(i) + " ");
                }
            }, cold) / (cold ? 1 : 2);
            double checked = stage(each, i -> crisis.category(texts.get(i), Locale.UK), cold);
            if (round >= rounds / 2) {
                System.out.printf("STAGES%s µs per text: TokenizerME %.1f  tokenize %.1f  tag %.1f  lemmatise %.1f  intents (whole) %.1f  crisis %.1f%n",
                        cold ? " (cold caches)" : "", opennlpTokens, tokens, tagged, lemmas, routed, checked);
            }
        }
    }

    /**
     * The mean thread CPU µs of {@code work} per item; with {@code cold}, each item is timed alone after 4 MiB of
     * other memory is read (more than a core's L2 cache), as a busy bot's other work leaves the caches.
     */
    private static double stage(List<Integer> items, java.util.function.IntConsumer work, boolean cold) {
        long total = 0;
        if (!cold) {
            long start = cpu();
            items.forEach(work::accept);
            total = cpu() - start;
        } else {
            for (int item : items) {
                evict();
                long start = cpu();
                work.accept(item);
                total += cpu() - start;
            }
        }
        return total / 1e3 / items.size();
    }

    private static final long[] OTHER_MEMORY = new long[4 << 20 >> 3];
    private static long sink;

    private static void evict() {
        long sum = 0;
        for (int i = 0; i < OTHER_MEMORY.length; i += 8) {
            sum += OTHER_MEMORY[i]++;
        }
        sink += sum;
    }

    /** This thread's CPU time: other processes on the machine do not count. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
