package org.signpost.dialogs.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One question's answers inside one group (or everyone). A hidden cell carries no number at all, so no
 * output can show one by mistake.
 *
 * @param answered the people who gave an answer other than "prefer not to say" (for free text: at least
 *                 this many, the largest theme count, since one answer can touch several themes)
 * @param options  option id to count, in the survey's order; empty when hidden
 */
public record Cell(boolean shown, long answered, Map<String, Long> options) {

    private static final Cell HIDDEN = new Cell(false, 0, Map.of());

    public Cell {
        options = shown ? Collections.unmodifiableMap(new LinkedHashMap<>(options)) : Map.of();
        if (!shown && answered != 0) {
            throw new IllegalArgumentException("A hidden cell carries no number");
        }
    }

    public static Cell hidden() {
        return HIDDEN;
    }

    public long count(String option) {
        return options.getOrDefault(option, 0L);
    }
}
