package org.signpost.dialogs.content;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bot's wording, one {@code messages/<language tag>.properties} file per locale (UTF-8), shipped or
 * from the content folder (which overrides key by key). A locale without its own file, or a key missing
 * from it, falls back to en-GB.
 *
 * <p>Every file is read and checked when the bot starts: a file that cannot be read, is not named by a
 * language tag, has a key en-GB does not know (a typo), drops or adds a {@code {placeholder}}, or leaves an
 * en-GB text empty stops start-up, naming the file and the key. The locales are those files: a locale a
 * client sends is matched to one of them, so nothing grows with the locale strings clients invent.
 */
public final class Messages {

    public static final Locale DEFAULT_LOCALE = Locale.forLanguageTag("en-GB");

    static final String FOLDER = "messages";
    private static final String SUFFIX = ".properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)(?:}|\\s*,\\s*plural\\s*,)");
    /** Longer than any real language tag; anything longer is not worth parsing. */
    private static final int MAX_TAG = 35;

    private final Map<Locale, Wording> byLocale;
    /** For a language, the locale to use when only the language matches: its language-only file, else the first. */
    private final Map<String, Locale> byLanguage = new HashMap<>();
    private final Wording defaults;
    /** What {@link #wording} gives for each file's own language tag, worked out once (a fixed, small set). */
    private final Map<String, Wording> byOwnTag;

    public Messages(ContentFolder content) {
        Map<Locale, Properties> files = new LinkedHashMap<>();
        Map<Locale, List<ContentFolder.Version>> versions = new LinkedHashMap<>();
        for (String name : content.list(FOLDER)) {
            if (!name.endsWith(SUFFIX)) {
                continue;
            }
            String tag = name.substring(0, name.length() - SUFFIX.length());
            Locale locale = Locale.forLanguageTag(tag);
            List<ContentFolder.Version> layers = content.versions(FOLDER + "/" + name);
            if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equals(tag)) {
                throw new ContentException(layers.get(layers.size() - 1) + ": the file name is not a language tag "
                        + "such as en-GB, gd-GB or cy (" + tag + ")");
            }
            Properties merged = new Properties();
            for (ContentFolder.Version layer : layers) {
                merged.putAll(parse(layer));
            }
            files.put(locale, merged);
            versions.put(locale, layers);
        }
        if (!files.containsKey(DEFAULT_LOCALE)) {
            throw new ContentException("No wording found for " + DEFAULT_LOCALE.toLanguageTag() + " (messages/"
                    + DEFAULT_LOCALE.toLanguageTag() + SUFFIX + ")");
        }
        PluralRules plurals = new PluralRules(content);
        check(files, versions, plurals);

        Properties english = files.get(DEFAULT_LOCALE);
        this.defaults = new Wording(DEFAULT_LOCALE, english, plurals.of(DEFAULT_LOCALE.getLanguage()));
        Map<Locale, Wording> wordings = new LinkedHashMap<>();
        wordings.put(DEFAULT_LOCALE, defaults);
        byLanguage.put(DEFAULT_LOCALE.getLanguage(), DEFAULT_LOCALE);
        for (Locale locale : files.keySet()) {
            if (locale.equals(DEFAULT_LOCALE)) {
                continue;
            }
            Properties text = new Properties(english);
            Properties language = files.get(new Locale(locale.getLanguage()));
            if (language != null) {
                text.putAll(language);
            }
            text.putAll(files.get(locale));
            wordings.put(locale, new Wording(locale, text, plurals.of(locale.getLanguage())));
            if (locale.getCountry().isEmpty() || !byLanguage.containsKey(locale.getLanguage())) {
                byLanguage.put(locale.getLanguage(), locale);
            }
        }
        this.byLocale = Map.copyOf(wordings);
        Map<String, Wording> byOwnTag = new HashMap<>();
        for (Locale locale : byLocale.keySet()) {
            byOwnTag.put(locale.toLanguageTag(), matched(locale.toLanguageTag()));
        }
        this.byOwnTag = Map.copyOf(byOwnTag);
    }

    /** The wording for a locale as a channel sends it ("en-GB", "en-gb", "en_GB", "gd", null, or anything). */
    public Wording wording(String localeTag) {
        // the tags of the files themselves ("en-GB" on nearly every turn) answered without parsing them again
        Wording known = localeTag == null ? null : byOwnTag.get(localeTag);
        return known != null ? known : matched(localeTag);
    }

    private Wording matched(String localeTag) {
        if (localeTag == null || localeTag.isBlank() || localeTag.length() > MAX_TAG) {
            return defaults;
        }
        Locale requested = Locale.forLanguageTag(localeTag.strip().replace('_', '-'));
        Wording exact = byLocale.get(new Locale(requested.getLanguage(), requested.getCountry()));
        if (exact != null) {
            return exact;
        }
        Locale sameLanguage = byLanguage.get(requested.getLanguage());
        return sameLanguage == null ? defaults : byLocale.get(sameLanguage);
    }

    /** The locales there is wording for: en-GB and one per messages file. */
    public Set<Locale> locales() {
        return byLocale.keySet();
    }

    /** Stops start-up when en-GB has no text for a key that some content needs ({@code neededBy} says which). */
    public void require(Collection<String> keys, String neededBy) {
        Set<String> missing = keys.stream().filter(key -> !defaults.has(key)).collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            throw new ContentException("messages/" + DEFAULT_LOCALE.toLanguageTag() + SUFFIX + " has no text for "
                    + String.join(", ", missing) + ", which " + neededBy + " needs");
        }
    }

    /**
     * Every file against en-GB: the keys en-GB knows (shipped, or added by the organisation's en-GB file),
     * the same placeholders as the shipped en-GB text, no empty en-GB text, plural rules for the file's
     * language and, in each plural text, every form that language needs.
     */
    private static void check(Map<Locale, Properties> files, Map<Locale, List<ContentFolder.Version>> versions,
            PluralRules plurals) {
        Properties english = files.get(DEFAULT_LOCALE);
        Properties shippedEnglish = parse(versions.get(DEFAULT_LOCALE).get(0));
        for (Map.Entry<Locale, List<ContentFolder.Version>> file : versions.entrySet()) {
            boolean isEnglish = file.getKey().equals(DEFAULT_LOCALE);
            PluralRules.Language rules = plurals.of(file.getKey().getLanguage());
            if (rules == null) {
                throw new ContentException(file.getValue().get(file.getValue().size() - 1) + ": " + PluralRules.FILE
                        + " has no plural rules for the language " + file.getKey().getLanguage()
                        + " (CLDR's, such as en=one: i = 1 and v = 0)");
            }
            for (ContentFolder.Version layer : file.getValue()) {
                Properties text = parse(layer);
                for (String key : new TreeSet<>(text.stringPropertyNames())) {
                    String value = text.getProperty(key);
                    if (!english.containsKey(key)) {
                        throw new ContentException(layer + ": " + key + " is not a key of messages/"
                                + DEFAULT_LOCALE.toLanguageTag() + SUFFIX + " (a typo?)");
                    }
                    if (isEnglish && value.isBlank()) {
                        throw new ContentException(layer + ": " + key + " has no text");
                    }
                    String reference = shippedEnglish.getProperty(key, english.getProperty(key));
                    if (!placeholders(value).equals(placeholders(reference))) {
                        throw new ContentException(layer + ": " + key + " must use the placeholders "
                                + placeholders(reference) + ", not " + placeholders(value));
                    }
                    checkPlurals(layer, key, value, rules);
                }
            }
        }
    }

    private static void checkPlurals(ContentFolder.Version layer, String key, String value,
            PluralRules.Language rules) {
        List<PluralText.Choice> choices;
        try {
            choices = PluralText.choices(value);
        } catch (IllegalArgumentException e) {
            throw new ContentException(layer + ": " + key + ": " + e.getMessage());
        }
        for (PluralText.Choice choice : choices) {
            Set<String> missing = new TreeSet<>(rules.categories());
            missing.removeAll(choice.forms().keySet());
            Set<String> unknown = new TreeSet<>(choice.forms().keySet());
            unknown.removeIf(form -> form.startsWith("=") || rules.categories().contains(form));
            if (!missing.isEmpty() || !unknown.isEmpty()) {
                throw new ContentException(layer + ": " + key + ": the plural text of {" + choice.name()
                        + "} needs exactly the forms " + rules.categories() + " (and any =N)"
                        + (missing.isEmpty() ? "" : "; missing " + missing)
                        + (unknown.isEmpty() ? "" : "; not forms of this language " + unknown));
            }
            for (String form : choice.forms().values()) {
                checkPlurals(layer, key, form, rules);
            }
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add("{" + matcher.group(1) + "}");
        }
        return names;
    }

    private static Properties parse(ContentFolder.Version file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.bytes())).toString();
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            return properties;
        } catch (CharacterCodingException e) {
            throw new ContentException(file + ": not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            // Properties says only "Malformed \\uxxxx encoding"
            throw new ContentException(file + ": cannot be read as a properties file (" + e.getMessage() + ")");
        }
    }
}
