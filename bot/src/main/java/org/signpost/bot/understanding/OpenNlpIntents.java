package org.signpost.bot.understanding;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
        String request = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
        Map.Entry<String, Double> best = categorizer.best(request);
        if (best.getKey().equals(NONE) || best.getValue() < threshold) {
            return Optional.empty();
        }
        return Optional.of(new Intent(best.getKey(), best.getValue()));
    }
}
