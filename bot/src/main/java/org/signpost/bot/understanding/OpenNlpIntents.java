package org.signpost.bot.understanding;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.understanding.Intent;
import org.signpost.dialogs.understanding.IntentRecognizer;

/** Routes free text by intent; "none" (things the bot does not do) and low confidence give nothing. */
final class OpenNlpIntents implements IntentRecognizer {

    static final String NONE = "none";

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
        Map.Entry<String, Double> best = categorizer.scores(text).entrySet().iterator().next();
        if (best.getKey().equals(NONE) || best.getValue() < threshold) {
            return Optional.empty();
        }
        return Optional.of(new Intent(best.getKey(), best.getValue()));
    }
}
