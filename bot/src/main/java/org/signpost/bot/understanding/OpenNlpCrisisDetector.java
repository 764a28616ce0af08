package org.signpost.bot.understanding;

import org.signpost.dialogs.understanding.CrisisDetector;

/** Crisis language by probability, with a threshold set low for recall. */
final class OpenNlpCrisisDetector implements CrisisDetector {

    static final String CRISIS = "crisis";
    static final String ORDINARY = "ordinary";

    private final Categorizer categorizer;
    private final double threshold;

    OpenNlpCrisisDetector(Categorizer categorizer, double threshold) {
        this.categorizer = categorizer;
        this.threshold = threshold;
    }

    @Override
    public boolean isCrisis(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return categorizer.scores(text).getOrDefault(CRISIS, 0.0) >= threshold;
    }
}
