package org.signpost.dialogs.content;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The text of every message in one locale. */
public final class Wording {

    private final Locale locale;
    private final Properties text;
    private final PluralRules.Language plurals;

    Wording(Locale locale, Properties text, PluralRules.Language plurals) {
        this.locale = locale;
        this.text = text;
        this.plurals = plurals;
    }

    public Locale locale() {
        return locale;
    }

    public String text(String key) {
        String value = text.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("No wording for key " + key);
        }
        return value;
    }

    public boolean has(String key) {
        return text.getProperty(key) != null;
    }

    /**
     * Text with {name} placeholders filled in, and each plural text ({count, plural, one {…} other {…}})
     * in the form its value takes in this locale.
     */
    public String text(String key, Map<String, String> values) {
        String result = PluralText.select(text(key), values, plurals);
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("{" + value.getKey() + "}", value.getValue());
        }
        return result;
    }

    /** Text with one placeholder filled in (for page templates). */
    public String text(String key, String name, String value) {
        return text(key, Map.of(name, value));
    }
}
