package org.signpost.bot.understanding;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.signpost.dialogs.survey.ThemeExtractor;

/** The themes of a free-text answer, sentence by sentence; what fits no theme well enough is "other". */
final class OpenNlpThemes implements ThemeExtractor {

    static final String OTHER = "other";

    private final EnglishPipeline pipeline;
    private final Categorizer categorizer;
    private final double threshold;

    OpenNlpThemes(EnglishPipeline pipeline, Categorizer categorizer, double threshold) {
        this.pipeline = pipeline;
        this.categorizer = categorizer;
        this.threshold = threshold;
    }

    @Override
    public Set<String> themes(String text) {
        Set<String> themes = new LinkedHashSet<>();
        for (String sentence : pipeline.sentences(text)) {
            Map.Entry<String, Double> best = categorizer.best(sentence);
            themes.add(best.getValue() >= threshold ? best.getKey() : OTHER);
        }
        if (themes.size() > 1) {
            themes.remove(OTHER);
        }
        return themes.isEmpty() ? Set.of(OTHER) : themes;
    }
}
