package org.signpost.bot.understanding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
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
    private final ThreadLocal<Decoders> decoders;

    /** A thread's tagger and lemmatiser (one thread-local look-up per text, not two). */
    private record Decoders(GreedyDecoder tagger, GreedyDecoder lemmatizer) {
    }

    /** The models whose compact form CompactEnglish keeps (the sentence detector's is read from OpenNLP's file). */
    static final String[] COMPACT_KINDS = {"tokens", "pos", "lemmas"};

    private EnglishPipeline(SentenceModel sentences, CompactTokenizer tokenizer, Supplier<GreedyDecoder> tagger,
            Supplier<GreedyDecoder> lemmatizer) {
        this.sentences = new ThreadSafeSentenceDetectorME(sentences);
        this.tokenizer = tokenizer;
        this.decoders = ThreadLocal.withInitial(() -> new Decoders(tagger.get(), lemmatizer.get()));
    }

    /** From the compact models built into the jar (CompactEnglish) when there, else from OpenNLP's models. */
    static EnglishPipeline load() {
        return CompactEnglish.builtIn().map(EnglishPipeline::of).orElseGet(EnglishPipeline::fromOpenNlp);
    }

    static EnglishPipeline of(CompactEnglish compact) {
        return of(compact, GreedyDecoder.MEMO_SLOTS);
    }

    /**
     * With memos of this many slots (0: none) for the tokenizer's splits and the lemmatiser's outcomes of the words
     * of the lemmatiser's vocabulary, by their numbers there (OutcomeMemo: no text is kept).
     */
    static EnglishPipeline of(CompactEnglish compact, int memoSlots) {
        LemmaIds.Tables lemmas = LemmaIds.Tables.of(compact.lemmas().predicates(), compact.lemmas().model(0));
        return new EnglishPipeline(sentenceModel(), new CompactTokenizer(compact.tokens(), lemmas.words(), memoSlots),
                GreedyDecoder.tagger(compact.tags()), GreedyDecoder.lemmatizer(compact.lemmas(), lemmas, memoSlots));
    }

    /** From OpenNLP's model files, made compact now: their tokenizer, tagger and lemmatiser models are not kept. */
    static EnglishPipeline fromOpenNlp() {
        try {
            return new EnglishPipeline(sentenceModel(), new CompactTokenizer(new TokenizerModel(model("tokens"))),
                    GreedyDecoder.tagger(new POSModel(model("pos"))),
                    GreedyDecoder.lemmatizer(new LemmatizerModel(model("lemmas"))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the OpenNLP English models", e);
        }
    }

    private static SentenceModel sentenceModel() {
        try {
            return new SentenceModel(model("sentence"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the OpenNLP English sentence model", e);
        }
    }

    List<String> sentences(String text) {
        return Arrays.asList(sentences.sentDetect(text));
    }

    /**
     * The text's words, analysed afresh: nothing of a text is kept once its words are returned (no memo of the
     * last text: a thread's last message would stay in memory until its next one).
     */
    Words words(String text) {
        Decoders thread = decoders.get();
        String[] raw = tokenizer.tokenize(text.replace('’', '\'').replace('‘', '\''));
        String[] tags = thread.tagger().decode(raw, null);
        String[] lemmas = LemmatizerME.decodeLemmas(raw, thread.lemmatizer().decode(raw, new Object[] {tags}));
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
        String name = "/" + modelName(kind);
        InputStream in = EnglishPipeline.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("OpenNLP model " + name + " is not on the classpath");
        }
        return in;
    }

    static String modelName(String kind) {
        return "opennlp-en-ud-ewt-" + kind + "-1.3-2.5.4.bin";
    }
}
