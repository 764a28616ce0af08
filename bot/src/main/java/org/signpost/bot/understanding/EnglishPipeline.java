package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * English text into words and their lemmas, with Apache OpenNLP's UD-EWT models (published as Maven
 * artifacts, so nothing is downloaded at run time). Thread-safe.
 */
final class EnglishPipeline {

    /** A text's lower-cased tokens (apostrophes dropped, so "can't" and "cant" agree) and their lemmas. */
    record Words(String[] tokens, String[] lemmas) {
    }

    private final ThreadSafeSentenceDetectorME sentences;
    /** OpenNLP's TokenizerME step for step, its model in compact form: the same tokens (CompactTokenizerTests). */
    private final CompactTokenizer tokenizer;
    /** Read greedily, not by OpenNLP's beam search: the same lemmas here at a tenth of the cost (GreedyDecoder). */
    private final ThreadLocal<GreedyDecoder> tagger;
    private final ThreadLocal<GreedyDecoder> lemmatizer;
    /** The last text analysed on this thread: a turn asks the crisis check and the intent router about the same words. */
    private final ThreadLocal<Map.Entry<String, Words>> last = new ThreadLocal<>();

    private EnglishPipeline(SentenceModel sentences, TokenizerModel tokens, POSModel pos, LemmatizerModel lemmas) {
        this.sentences = new ThreadSafeSentenceDetectorME(sentences);
        this.tokenizer = new CompactTokenizer(tokens);
        // OpenNLP's tokenizer, tagger and lemmatiser models are not kept: only their compact form
        this.tagger = ThreadLocal.withInitial(GreedyDecoder.tagger(pos));
        this.lemmatizer = ThreadLocal.withInitial(GreedyDecoder.lemmatizer(lemmas));
    }

    static EnglishPipeline load() {
        try {
            return new EnglishPipeline(new SentenceModel(model("sentence")), new TokenizerModel(model("tokens")),
                    new POSModel(model("pos")), new LemmatizerModel(model("lemmas")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the OpenNLP English models", e);
        }
    }

    List<String> sentences(String text) {
        return Arrays.asList(sentences.sentDetect(text));
    }

    Words words(String text) {
        Map.Entry<String, Words> previous = last.get();
        if (previous != null && previous.getKey().equals(text)) {
            return previous.getValue();
        }
        Words words = analyse(text);
        last.set(Map.entry(text, words));
        return words;
    }

    private Words analyse(String text) {
        String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
        String[] tags = tagger.get().decode(raw, null);
        String[] lemmas = LemmatizerME.decodeLemmas(raw, lemmatizer.get().decode(raw, new Object[] {tags}));
        String[] tokens = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            tokens[i] = normalise(raw[i]);
            lemmas[i] = normalise(lemmas[i]);
        }
        return new Words(tokens, lemmas);
    }

    static String normalise(String word) {
        return word.toLowerCase(Locale.ROOT).replace("'", "");
    }

    static InputStream model(String kind) {
        String name = "/opennlp-en-ud-ewt-" + kind + "-1.3-2.5.4.bin";
        InputStream in = EnglishPipeline.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("OpenNLP model " + name + " is not on the classpath");
        }
        return in;
    }
}
