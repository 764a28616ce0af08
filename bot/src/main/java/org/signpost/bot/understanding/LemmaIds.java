package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of the lemmatiser's features (LemmaContexts' strings, a test's reference, in their order:
 * {@code predicates.ids} of them) without making the strings. Each word of the model's vocabulary has a row made at load from those very
 * strings (w0=, its endings and beginnings) and the list of the previous edit scripts the model pairs it with
 * ("p_1=" script "w0=" word, all of them: a pair the list lacks is one the model lacks); the tag's features and the
 * previous script's come from small tables. A word the model does not know is looked up feature by feature
 * ({@link FeatureKey}: the same numbers, no strings). LemmaIdsTests compares every step with LemmaContexts. Not
 * thread-safe (one per decoder); the tables are shared.
 */
final class LemmaIds implements GreedyDecoder.Features {

    private static final int PREFIX_LENGTH = 5;
    private static final int SUFFIX_LENGTH = 7;
    private static final String BEGIN = "p_1=bos";
    /** A row: w0=, the 6 endings, the 4 beginnings, then where the word's pairs start and end in {@code pairs}. */
    private static final int WORD = 0;
    private static final int SUFFIXES = 1;
    private static final int PREFIXES = SUFFIXES + SUFFIX_LENGTH - 1;
    private static final int PAIRS = PREFIXES + PREFIX_LENGTH - 1;
    private static final int WIDTH = PAIRS + 2;

    /**
     * Made once per model; shared. A "previous" is one of the distinct strings "p_1=bos" and "p_1=" + outcome;
     * {@code previousOf[0]} is the start's, {@code previousOf[o + 1]} outcome o's.
     */
    record Tables(PredicateIndex predicates, WordTable words, int[] pairs, int[] previousOf, String[] previousName,
            int[] previousId, Map<String, Integer> tagIndex, int[] tagId, int[] previousTag, int suffixNull,
            int prefixNull, int hyphen, int capital, int digit) {

        static Tables of(PredicateIndex predicates, CompactModel model) {
            Map<String, Integer> previousIndex = new LinkedHashMap<>();
            int[] previousOf = new int[model.outcomes() + 1];
            for (int code = 0; code <= model.outcomes(); code++) {
                String name = code == 0 ? BEGIN : "p_1=" + model.outcome(code - 1);
                previousOf[code] = previousIndex.computeIfAbsent(name, k -> previousIndex.size());
            }
            String[] previousName = previousIndex.keySet().toArray(String[]::new);
            int[] previousId = new int[previousName.length];
            for (int p = 0; p < previousName.length; p++) {
                previousId[p] = predicates.id(previousName[p]);
            }
            Map<String, Integer> tagIndex = new HashMap<>();
            Map<String, List<int[]>> pairsOf = new LinkedHashMap<>();
            for (int id = 0; id < predicates.size(); id++) {
                String predicate = predicates.predicate(id);
                if (predicate.startsWith("w0=")) {
                    pairsOf.computeIfAbsent(predicate.substring(3), k -> new ArrayList<>());
                } else if (predicate.startsWith("t0=")) {
                    tagIndex.putIfAbsent(predicate.substring(3), tagIndex.size());
                } else if (predicate.startsWith("p_1=")) {
                    // every way the predicate can be a previous, "w0=" and a word
                    for (int at = predicate.indexOf("w0=", 4); at >= 0; at = predicate.indexOf("w0=", at + 1)) {
                        Integer previous = previousIndex.get(predicate.substring(0, at));
                        if (previous != null) {
                            pairsOf.computeIfAbsent(predicate.substring(at + 3), k -> new ArrayList<>())
                                    .add(new int[] {previous, id});
                        }
                    }
                }
            }
            int[] tagId = new int[tagIndex.size()];
            int[] previousTag = new int[previousName.length * tagIndex.size()];
            tagIndex.forEach((tag, t) -> {
                tagId[t] = predicates.id("t0=" + tag);
                for (int p = 0; p < previousName.length; p++) {
                    previousTag[p * tagIndex.size() + t] = predicates.id(previousName[p] + "t0=" + tag);
                }
            });
            int[] pairs = new int[2 * pairsOf.values().stream().mapToInt(List::size).sum()];
            int[] next = {0};
            WordTable words = new WordTable(new ArrayList<>(pairsOf.keySet()), WIDTH, word -> {
                int[] row = new int[WIDTH];
                row[WORD] = predicates.id("w0=" + word);
                for (int li = 1; li < SUFFIX_LENGTH; li++) {
                    row[SUFFIXES + li - 1] = predicates.id("suf=" + word.substring(Math.max(word.length() - li - 1, 0)));
                }
                for (int li = 1; li < PREFIX_LENGTH; li++) {
                    row[PREFIXES + li - 1] = predicates.id("pre=" + word.substring(0, Math.min(li + 1, word.length())));
                }
                row[PAIRS] = next[0];
                pairsOf.get(word).stream().sorted((a, b) -> Integer.compare(a[0], b[0])).forEach(pair -> {
                    pairs[next[0]++] = pair[0];
                    pairs[next[0]++] = pair[1];
                });
                row[PAIRS + 1] = next[0];
                return row;
            });
            return new Tables(predicates, words, pairs, previousOf, previousName, previousId, Collections.unmodifiableMap(tagIndex),
                    tagId, previousTag, predicates.id("suf=null"), predicates.id("pre=null"), predicates.id("h"),
                    predicates.id("c"), predicates.id("d"));
        }

        /** The number of the pair of this previous and the row's word, or ABSENT: the row holds all the model has. */
        int pair(int row, int previous) {
            int low = words.values[row + PAIRS] / 2;
            int high = words.values[row + PAIRS + 1] / 2 - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int found = pairs[2 * middle];
                if (found < previous) {
                    low = middle + 1;
                } else if (found > previous) {
                    high = middle - 1;
                } else {
                    return pairs[2 * middle + 1];
                }
            }
            return PredicateIndex.ABSENT;
        }
    }

    private final Tables tables;
    private final PredicateIndex predicates;
    private final FeatureKey key = new FeatureKey();
    private final int[] ids = new int[32];

    LemmaIds(Tables tables) {
        this.tables = tables;
        this.predicates = tables.predicates();
    }

    @Override
    public int[] buffer() {
        return ids;
    }

    /**
     * For a token that is a word of the model's vocabulary with a tag the model knows, the word's number, the tag's
     * and the previous edit script's (all of which {@link #ids} reads of the step) as one number; else -1.
     */
    @Override
    public long memoKey(int index, String[] tokens, int[] before, Object[] context) {
        Integer t = tables.tagIndex().get(((String[]) context[0])[index]);
        int row = t == null ? WordTable.ABSENT : tables.words().row(tokens[index]);
        if (row < 0) {
            return -1;
        }
        int previous = tables.previousOf()[index < 1 ? 0 : before[index - 1] + 1];
        return ((long) (row / WIDTH) * tables.tagId().length + t) * tables.previousName().length + previous;
    }

    /** Every key {@link #memoKey} can give is below this. */
    long keys() {
        return (long) tables.words().size() * tables.tagId().length * tables.previousName().length;
    }

    /** The lemmatiser's context is {@code new Object[] {tags}}, as OpenNLP's own lemmatiser passes it. */
    @Override
    public int ids(int index, String[] tokens, int[] before, Object[] context) {
        String tag = ((String[]) context[0])[index];
        String lex = tokens[index];
        int length = lex.length();
        int previous = tables.previousOf()[index < 1 ? 0 : before[index - 1] + 1];
        String previousName = tables.previousName()[previous];
        int row = tables.words().row(lex);
        int[] values = tables.words().values;
        Integer t = tables.tagIndex().get(tag);
        int n = 0;
        ids[n++] = row >= 0 ? values[row + WORD] : key.start("w0=").append(lex).id(predicates);
        ids[n++] = t != null ? tables.tagId()[t] : key.start("t0=").append(tag).id(predicates);
        ids[n++] = tables.previousId()[previous];
        ids[n++] = t != null ? tables.previousTag()[previous * tables.tagId().length + t]
                : key.start(previousName).append("t0=").append(tag).id(predicates);
        ids[n++] = row >= 0 ? tables.pair(row, previous)
                : key.start(previousName).append("w0=").append(lex).id(predicates);
        ids[n++] = tables.suffixNull();
        for (int li = 1; li < SUFFIX_LENGTH; li++) {
            ids[n++] = row >= 0 ? values[row + SUFFIXES + li - 1]
                    : key.start("suf=").append(lex, Math.max(length - li - 1, 0), length).id(predicates);
        }
        ids[n++] = tables.prefixNull();
        for (int li = 1; li < PREFIX_LENGTH; li++) {
            ids[n++] = row >= 0 ? values[row + PREFIXES + li - 1]
                    : key.start("pre=").append(lex, 0, Math.min(li + 1, length)).id(predicates);
        }
        boolean capital = false;
        boolean digit = false;
        for (int i = 0; i < length; i++) {
            char c = lex.charAt(i);
            capital |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        if (lex.indexOf('-') != -1) {
            ids[n++] = tables.hyphen();
        }
        if (capital) {
            ids[n++] = tables.capital();
        }
        if (digit) {
            ids[n++] = tables.digit();
        }
        return n;
    }

    @Override
    public void forget() {
        key.wipe();
        // the numbers name the sentence's known words: not kept past it either
        Arrays.fill(ids, 0);
    }
}
