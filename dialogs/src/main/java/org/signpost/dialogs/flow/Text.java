package org.signpost.dialogs.flow;

import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.content.Localised;
import org.signpost.dialogs.content.Wording;

/**
 * A text a flow shows: a wording key (with its placeholder values), or text per locale from content
 * (a survey's own questions).
 */
public record Text(String key, Map<String, String> values, Map<String, String> perLocale) {

    public Text {
        values = values == null ? Map.of() : Map.copyOf(values);
        perLocale = perLocale == null ? Map.of() : Map.copyOf(perLocale);
        if ((key == null) == perLocale.isEmpty()) {
            throw new IllegalArgumentException("A text is a wording key or text per locale");
        }
    }

    public static Text key(String key) {
        return new Text(key, Map.of(), null);
    }

    public static Text key(String key, Map<String, String> values) {
        return new Text(key, values, null);
    }

    public static Text localised(Map<String, String> perLocale) {
        return new Text(null, Map.of(), perLocale);
    }

    public String in(Wording wording) {
        return key != null ? wording.text(key, values) : Localised.pick(perLocale, wording.locale());
    }

    public Optional<String> wordingKey() {
        return Optional.ofNullable(key);
    }
}
