package org.signpost.dialogs.understanding;

import java.util.Locale;
import java.util.Optional;

/** Port: routes free text to a capability by intent. Empty when nothing is recognised confidently. */
public interface IntentRecognizer {

    Optional<Intent> recognize(String text, Locale locale);
}
