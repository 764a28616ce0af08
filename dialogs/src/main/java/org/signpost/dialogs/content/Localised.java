package org.signpost.dialogs.content;

import java.util.Locale;
import java.util.Map;

/** Text given per locale in a content file (a survey's questions): exact tag, then language, then en-GB. */
public final class Localised {

    private Localised() {
    }

    public static String pick(Map<String, String> text, Locale locale) {
        String exact = text.get(locale.toLanguageTag());
        if (exact != null) {
            return exact;
        }
        return text.entrySet().stream().filter(e -> Locale.forLanguageTag(e.getKey()).getLanguage()
                .equals(locale.getLanguage())).map(Map.Entry::getValue).findFirst()
                .orElse(text.get(Messages.DEFAULT_LOCALE.toLanguageTag()));
    }
}
