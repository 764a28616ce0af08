package org.signpost.dialogs.understanding;

import java.util.Locale;
import java.util.Optional;

/**
 * Port: whether a message reads like someone in crisis, and which kind of crisis (a category id of
 * {@code nlp/crisis-scope.yaml}: the urgent card's wording follows it). It favours recall: a missed crisis
 * is worse than an extra card. The text is neither stored nor logged, and a match is recorded against no one.
 */
public interface CrisisDetector {

    /** The category id, or empty when the text is ordinary. */
    Optional<String> category(String text, Locale locale);

    default boolean isCrisis(String text) {
        return category(text, Locale.UK).isPresent();
    }
}
