package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * A direction finder, not a test: the tagger's and lemmatiser's feature lookups for one typed message (the
 * evaluation phrases) with the caches cold, as under load where the bot's other work evicts the models between
 * turns: before each message's lookups a 64 MiB array (twice the reference machine's L3) is streamed. The
 * index as it was (PredicateIndexBefore) and as it is take turns, message by message, in one JVM; their ids are
 * checked equal. Thread CPU time (other processes on a shared machine do not count), median and quartiles in µs
 * a message. Run by hand with the test class path.
 */
final class ColdFeatureLookups {

    public static void main(String[] arguments) throws Exception {
        List<String> texts = Evaluation.read("eval-intents-en-GB.tsv").stream().map(Evaluation::text).toList();
        int rounds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 10;
        // "warm": no eviction, for the cost with the caches warm
        boolean warm = arguments.length > 1 && arguments[1].equals("warm");
        POSModel pos = new POSModel(EnglishPipeline.model("pos"));
        LemmatizerModel lemmas = new LemmatizerModel(EnglishPipeline.model("lemmas"));
        PredicateIndex tagging = CompactModels.of(List.of((MaxentModel) pos.getArtifact("pos.model"))).predicates();
        PredicateIndex lemmatising = CompactModels.of(List.of((MaxentModel) lemmas.getArtifact("lemmatizer.model"))).predicates();
        PredicateIndexBefore taggingBefore = before(tagging);
        PredicateIndexBefore lemmatisingBefore = before(lemmatising);
        GreedyDecoder tagger = GreedyDecoder.tagger(pos).get();
        GreedyDecoder lemmatizer = GreedyDecoder.lemmatizer(lemmas).get();
        CompactTokenizer tokenizer = new CompactTokenizer(new TokenizerModel(EnglishPipeline.model("tokens")));
        // per message: the tagger's features of each token, then the lemmatiser's
        List<List<String[]>> tagFeatures = new ArrayList<>();
        List<List<String[]>> lemmaFeatures = new ArrayList<>();
        for (String text : texts) {
            String[] tokens = tokenizer.tokenize(text);
            List<String[]> t = new ArrayList<>();
            String[] tags = tagger.decode(tokens, null, (features, before, scores) -> t.add(features.clone()));
            List<String[]> l = new ArrayList<>();
            lemmatizer.decode(tokens, new Object[] {tags}, (features, before, scores) -> l.add(features.clone()));
            tagFeatures.add(t);
            lemmaFeatures.add(l);
        }
        long[] evict = new long[8 << 20];
        for (int round = 0; round < rounds; round++) {
            long[] now = new long[texts.size()];
            long[] then = new long[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                for (int which = 0; which < 2; which++) {
                    boolean old = (which == 0) == (i % 2 == 0);
                    for (int k = 0; !warm && k < evict.length; k += 8) {
                        evict[k] += k;
                    }
                    // the features made afresh (hot, no cached hash code), as the pipeline makes them
                    List<String[]> tagFresh = tagFeatures.get(i).stream().map(ColdFeatureLookups::fresh).toList();
                    List<String[]> lemmaFresh = lemmaFeatures.get(i).stream().map(ColdFeatureLookups::fresh).toList();
                    List<int[]> ids = new ArrayList<>();
                    long t0 = cpu();
                    for (String[] features : tagFresh) {
                        ids.add(old ? taggingBefore.ids(features) : tagging.ids(features));
                    }
                    for (String[] features : lemmaFresh) {
                        ids.add(old ? lemmatisingBefore.ids(features) : lemmatising.ids(features));
                    }
                    long t1 = cpu();
                    (old ? then : now)[i] = t1 - t0;
                    for (int k = 0; k < tagFresh.size(); k++) {
                        check(ids.get(k), taggingBefore.ids(tagFresh.get(k)));
                    }
                    for (int k = 0; k < lemmaFresh.size(); k++) {
                        check(ids.get(tagFresh.size() + k), lemmatisingBefore.ids(lemmaFresh.get(k)));
                    }
                }
            }
            if (round >= rounds / 2) {
                System.out.printf((warm ? "WARM" : "COLD") + " lookups, µs a message: before %s   now %s%n", quartiles(then), quartiles(now));
            }
        }
    }

    private static PredicateIndexBefore before(PredicateIndex index) {
        List<String> predicates = new ArrayList<>();
        for (int id = 0; id < index.size(); id++) {
            predicates.add(index.predicate(id));
        }
        return PredicateIndexBefore.of(predicates);
    }

    private static void check(int[] ids, int[] expected) {
        if (!Arrays.equals(ids, expected)) {
            throw new AssertionError("Different ids: " + Arrays.toString(ids) + " " + Arrays.toString(expected));
        }
    }

    private static String[] fresh(String[] features) {
        String[] copies = new String[features.length];
        for (int i = 0; i < features.length; i++) {
            copies[i] = new String(features[i].toCharArray());
        }
        return copies;
    }

    private static String quartiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format(Locale.ROOT, "median %.1f (%.1f–%.1f)", sorted[n / 2] / 1e3, sorted[n / 4] / 1e3, sorted[3 * n / 4] / 1e3);
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
