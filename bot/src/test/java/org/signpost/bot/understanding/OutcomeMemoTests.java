package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lemmatiser's memo (OutcomeMemo, keyed by LemmaIds#memoKey) changes no lemma: on every shipped text the
 * pipeline's lemmatiser with the memo gives the edit scripts of one without it, on a first pass (the memo filling)
 * and a second (mostly answered from it), and with a memo of two slots, where keys overwrite each other all the
 * time; the whole pipeline's words and lemmas likewise, with the tokenizer's memo too. And the key's premise: every
 * step with the same key has the same features.
 */
class OutcomeMemoTests {

    private static final CompactEnglish ENGLISH = CompactEnglish.builtIn().orElseThrow();

    @Test
    void theMemoChangesNoEditScriptOnAnyShippedText() {
        CompactTokenizer tokenizer = new CompactTokenizer(ENGLISH.tokens());
        GreedyDecoder tagger = GreedyDecoder.tagger(ENGLISH.tags()).get();
        GreedyDecoder without = GreedyDecoder.lemmatizer(ENGLISH.lemmas(), 0).get();
        GreedyDecoder with = GreedyDecoder.lemmatizer(ENGLISH.lemmas()).get();
        GreedyDecoder tiny = GreedyDecoder.lemmatizer(ENGLISH.lemmas(), 2).get();
        List<String> texts = CompactModelTests.texts();
        // each text's tokens, tags and memo-less scripts, made once: the second pass is about the memos' state
        List<String[]> tokens = new ArrayList<>();
        List<Object[]> contexts = new ArrayList<>();
        List<String[]> scripts = new ArrayList<>();
        for (String text : texts) {
            String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
            Object[] context = {tagger.decode(raw, null)};
            tokens.add(raw);
            contexts.add(context);
            scripts.add(without.decode(raw, context));
        }
        long steps = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int t = 0; t < texts.size(); t++) {
                String[] raw = tokens.get(t);
                Object[] context = contexts.get(t);
                String text = texts.get(t);
                Same.elements(with.decode(raw, context), scripts.get(t), () -> text);
                Same.elements(tiny.decode(raw, context), scripts.get(t), () -> text);
                steps += raw.length;
            }
        }
        assertThat(steps).isGreaterThan(600_000);
    }

    @Test
    void thePipelineWithItsMemosGivesTheWordsAndLemmasOfOneWithout() {
        EnglishPipeline without = EnglishPipeline.of(ENGLISH, 0);
        EnglishPipeline with = EnglishPipeline.of(ENGLISH);
        EnglishPipeline tiny = EnglishPipeline.of(ENGLISH, 2);
        List<String> texts = CompactModelTests.texts();
        // the memo-less pipeline's words, made once: the second pass is about the memos' state
        List<EnglishPipeline.Words> expectations = texts.stream().map(without::words).toList();
        long tokens = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int t = 0; t < texts.size(); t++) {
                String text = texts.get(t);
                EnglishPipeline.Words expected = expectations.get(t);
                for (EnglishPipeline pipeline : List.of(with, tiny)) {
                    EnglishPipeline.Words words = pipeline.words(text);
                    Same.elements(words.tokens(), expected.tokens(), () -> text);
                    Same.elements(words.lemmas(), expected.lemmas(), () -> text);
                }
                tokens += expected.tokens().length;
            }
        }
        assertThat(tokens).isGreaterThan(600_000);
    }

    @Test
    void stepsWithTheSameKeyHaveTheSameFeatures() {
        CompactTokenizer tokenizer = new CompactTokenizer(ENGLISH.tokens());
        GreedyDecoder tagger = GreedyDecoder.tagger(ENGLISH.tags()).get();
        GreedyDecoder lemmatizer = GreedyDecoder.lemmatizer(ENGLISH.lemmas(), 0).get();
        LemmaIds ids = new LemmaIds(LemmaIds.Tables.of(ENGLISH.lemmas().predicates(), ENGLISH.lemmas().model(0)));
        Map<Long, int[]> seen = new HashMap<>();
        long keyed = 0;
        long steps = 0;
        for (String text : CompactModelTests.texts()) {
            String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
            Object[] context = {tagger.decode(raw, null)};
            String[] scripts = lemmatizer.decode(raw, context);
            int[] before = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                before[i] = outcome(lemmatizer, ENGLISH.lemmas().model(0).outcomes(), scripts[i]);
            }
            for (int i = 0; i < raw.length; i++) {
                long key = ids.memoKey(i, raw, before, context);
                int[] features = Arrays.copyOf(ids.buffer(), ids.ids(i, raw, before, context));
                steps++;
                if (key >= 0) {
                    keyed++;
                    assertThat(key).isLessThan(ids.keys());
                    int[] first = seen.putIfAbsent(key, features);
                    if (first != null) {
                        int step = i;
                        Same.ints(features, first, () -> text + " @" + step);
                    }
                }
            }
            ids.forget();
        }
        // most steps of real text are words of the model's vocabulary, and keys recur
        assertThat(keyed).isGreaterThan(steps * 3 / 4);
        assertThat(seen.size()).isLessThan((int) (keyed / 4));
    }

    private static int outcome(GreedyDecoder decoder, int outcomes, String name) {
        for (int o = 0; o < outcomes; o++) {
            if (decoder.outcome(o).equals(name)) {
                return o;
            }
        }
        throw new IllegalStateException(name);
    }
}
