package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.signpost.dialogs.understanding.CrisisDetector;

/**
 * Crisis language, sentence by sentence: one sentence in scope is enough. A sentence counts when the phrase
 * net of the person's locale matches it, or when the models find it likely enough to be a crisis. The models
 * never judge a sentence of fewer than {@link #MIN_WORDS_FOR_MODEL} words, and judge one of fewer than
 * {@link #SHORT_SENTENCE} words only when it has a risk-carrying word (the net's {@code @evidence}): a reply
 * of a few ordinary words never brings the card on the models' priors alone. A longer sentence without any
 * risk-carrying word must still clear at least {@link #WITHOUT_EVIDENCE}: what the models see in it is mostly
 * first-person phrasing ("I'm on back shift all week"), which they otherwise over-read. In a message of n
 * sentences each sentence must clear {@code 1 - (1 - threshold) / n}, so that a long message about ordinary
 * troubles is not flagged merely for having many sentences. The net's {@code @together} rules judge the message whole: a
 * kind of word that says little in one sentence counts when enough sentences of the message hold it.
 */
final class OpenNlpCrisisDetector implements CrisisDetector {

    static final String ORDINARY = "ordinary";
    static final String SOMEONE_ELSE = "someone-else";
    static final int MIN_WORDS_FOR_MODEL = 4;
    static final int SHORT_SENTENCE = 6;
    /** Measured on the own sets and the development set: docs/benchmarks.md. */
    static final double WITHOUT_EVIDENCE = 0.40;

    private final EnglishPipeline pipeline;
    private final CrisisScope scope;
    private final CrisisModel model;
    private final Function<Locale, PhraseNet> netForLocale;
    private final Map<Locale, PhraseNet> nets = new ConcurrentHashMap<>();
    private final double threshold;

    OpenNlpCrisisDetector(EnglishPipeline pipeline, CrisisScope scope, CrisisModel model,
            Function<Locale, PhraseNet> netForLocale, double threshold) {
        this.pipeline = pipeline;
        this.scope = scope;
        this.model = model;
        this.netForLocale = netForLocale;
        this.threshold = threshold;
    }

    @Override
    public Optional<String> category(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        PhraseNet net = nets.computeIfAbsent(locale == null ? Locale.UK : locale, netForLocale);
        List<String[]> sentences = CrisisText.sentences(text, pipeline);
        double perSentence = 1 - (1 - threshold) / Math.max(1, sentences.size());
        List<Sentence> read = sentences.stream().map(Sentence::of).toList();
        List<String> found = new ArrayList<>(net.matchesTogetherIn(read));
        for (Sentence sentence : read) {
            found.addAll(net.matches(sentence));
            boolean evidence = net.hasEvidence(sentence);
            if (judgedByModel(sentence.tokens(), evidence)) {
                CrisisModel.Score score = model.score(sentence.tokens());
                if (score.crisis() >= (evidence ? perSentence : Math.max(perSentence, WITHOUT_EVIDENCE))) {
                    found.add(score.category());
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(scope.first(found));
    }

    private static boolean judgedByModel(String[] sentence, boolean evidence) {
        return sentence.length >= SHORT_SENTENCE || sentence.length >= MIN_WORDS_FOR_MODEL && evidence;
    }
}
