package org.signpost.dialogs.understanding;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Port: routes free text to a capability by intent. Empty when nothing is recognised confidently. */
public interface IntentRecognizer {

    Optional<Intent> recognize(String text, Locale locale);

    /**
     * The most probable of the intents {@code usable} allows, with its probability among those and "none" (what
     * the words read as once what the person may not use is set aside). Empty when that is "none" or not confident.
     * By default, the intent {@link #recognize} gives if usable: a recogniser that knows no ranking has no other.
     */
    default Optional<Intent> recognize(String text, Locale locale, Predicate<String> usable) {
        return recognize(text, locale).filter(intent -> usable.test(intent.id()));
    }
}
