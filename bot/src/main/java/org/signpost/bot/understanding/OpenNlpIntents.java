package org.signpost.bot.understanding;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.signpost.dialogs.understanding.Intent;
import org.signpost.dialogs.understanding.IntentRecognizer;

/**
 * Routes free text by intent; "none" (things the bot does not do) and low confidence give nothing. A request
 * is said in its first words: only the first {@link #MAX_CHARACTERS} characters are analysed, which bounds the
 * cost of a long message (part-of-speech tagging is the expensive step).
 */
final class OpenNlpIntents implements IntentRecognizer {

    static final String NONE = "none";
    static final int MAX_CHARACTERS = 300;

    private final Categorizer categorizer;
    private final double threshold;

    OpenNlpIntents(Categorizer categorizer, double threshold) {
        this.categorizer = categorizer;
        this.threshold = threshold;
    }

    @Override
    public Optional<Intent> recognize(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Map.Entry<String, Double> best = categorizer.best(request(text));
        if (best.getKey().equals(NONE) || best.getValue() < threshold) {
            return Optional.empty();
        }
        return Optional.of(new Intent(best.getKey(), best.getValue()));
    }

    /**
     * The model's probabilities of the usable intents and "none", made to sum to 1 (naive Bayes gives the second
     * intent of a confident reading probabilities such as 1e-4 or 1e-30, which say nothing by themselves); the best of
     * them, held to the same threshold.
     */
    @Override
    public Optional<Intent> recognize(String text, Locale locale, Predicate<String> usable) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        double[] probabilities = categorizer.probabilities(request(text));
        double total = 0;
        int best = -1;
        for (int i = 0; i < probabilities.length; i++) {
            String intent = categorizer.outcome(i);
            if (intent.equals(NONE) || usable.test(intent)) {
                total += probabilities[i];
                if (best < 0 || probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
        }
        if (best < 0 || total <= 0 || categorizer.outcome(best).equals(NONE) || probabilities[best] / total < threshold) {
            return Optional.empty();
        }
        return Optional.of(new Intent(categorizer.outcome(best), probabilities[best] / total));
    }

    private static String request(String text) {
        return text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
    }
}
