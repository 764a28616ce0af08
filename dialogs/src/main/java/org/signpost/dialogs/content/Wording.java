package org.signpost.dialogs.content;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The text of every message in one locale. */
public final class Wording {

    private final Locale locale;
    private final Properties text;

    Wording(Locale locale, Properties text) {
        this.locale = locale;
        this.text = text;
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

    /** Text with {name} placeholders filled in. */
    public String text(String key, Map<String, String> values) {
        String result = text(key);
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("{" + value.getKey() + "}", value.getValue());
        }
        return result;
    }
}
