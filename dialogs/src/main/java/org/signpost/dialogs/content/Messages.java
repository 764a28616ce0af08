package org.signpost.dialogs.content;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bot's wording, one {@code messages/<language tag>.properties} file per locale (UTF-8). A locale
 * without its own file, or a key missing from it, falls back to the default locale's text.
 */
public final class Messages {

    public static final Locale DEFAULT_LOCALE = Locale.forLanguageTag("en-GB");

    private final ContentFolder content;
    private final Properties defaults;
    private final Map<Locale, Wording> byLocale = new ConcurrentHashMap<>();

    public Messages(ContentFolder content) {
        this.content = content;
        this.defaults = load(DEFAULT_LOCALE, new Properties());
        if (defaults.isEmpty()) {
            throw new IllegalStateException("No wording found for " + DEFAULT_LOCALE.toLanguageTag());
        }
    }

    /** The wording for a locale as a channel sends it ("en-GB", "en-gb", "gd", null). */
    public Wording wording(String localeTag) {
        Locale requested = localeTag == null || localeTag.isBlank()
                ? DEFAULT_LOCALE
                : Locale.forLanguageTag(localeTag.replace('_', '-'));
        return byLocale.computeIfAbsent(requested, this::resolve);
    }

    private Wording resolve(Locale requested) {
        Properties text = new Properties(defaults);
        if (!requested.equals(DEFAULT_LOCALE)) {
            load(Locale.forLanguageTag(requested.getLanguage()), text);
            if (!requested.getCountry().isEmpty()) {
                load(requested, text);
            }
        }
        return new Wording(requested, text);
    }

    private Properties load(Locale locale, Properties into) {
        for (byte[] layer : content.layers("messages/" + locale.toLanguageTag() + ".properties")) {
            try {
                into.load(new StringReader(new String(layer, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return into;
    }
}
