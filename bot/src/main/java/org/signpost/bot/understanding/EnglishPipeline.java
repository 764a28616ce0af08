package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.lemmatizer.ThreadSafeLemmatizerME;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.ThreadSafePOSTaggerME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.tokenize.ThreadSafeTokenizerME;
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
    private final ThreadSafeTokenizerME tokenizer;
    private final ThreadSafePOSTaggerME tagger;
    private final ThreadSafeLemmatizerME lemmatizer;
    /** The last text analysed on this thread: a turn asks the crisis check and the intent router about the same words. */
    private final ThreadLocal<Map.Entry<String, Words>> last = new ThreadLocal<>();

    private EnglishPipeline(SentenceModel sentences, TokenizerModel tokens, POSModel pos, LemmatizerModel lemmas) {
        this.sentences = new ThreadSafeSentenceDetectorME(sentences);
        this.tokenizer = new ThreadSafeTokenizerME(tokens);
        this.tagger = new ThreadSafePOSTaggerME(pos);
        this.lemmatizer = new ThreadSafeLemmatizerME(lemmas);
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
        String[] lemmas = lemmatizer.lemmatize(raw, tagger.tag(raw));
        String[] tokens = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            tokens[i] = normalise(raw[i]);
            lemmas[i] = normalise(lemmas[i]);
        }
        return new Words(tokens, lemmas);
    }

    private static String normalise(String word) {
        return word.toLowerCase(Locale.ROOT).replace("'", "");
    }

    private static InputStream model(String kind) {
        String name = "/opennlp-en-ud-ewt-" + kind + "-1.3-2.5.4.bin";
        InputStream in = EnglishPipeline.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("OpenNLP model " + name + " is not on the classpath");
        }
        return in;
    }
}
