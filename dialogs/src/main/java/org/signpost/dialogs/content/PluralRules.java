package org.signpost.dialogs.content;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plural categories of each language and which whole numbers fall in them, read as data from
 * {@code messages/plural-rules.txt} (CLDR's rules, integer part), so a language is added without code.
 */
final class PluralRules {

    static final String FILE = "messages/plural-rules.txt";
    static final String OTHER = "other";

    private static final Pattern RELATION = Pattern.compile(
            "([nivwft])\\s*(?:%\\s*(\\d+))?\\s*(!=|=)\\s*(\\d+(?:\\.\\.\\d+)?(?:\\s*,\\s*\\d+(?:\\.\\.\\d+)?)*)");

    /** One language's categories in order, each with its condition; "other" last, with none. */
    record Language(Map<String, String> conditions) {

        List<String> categories() {
            List<String> categories = new ArrayList<>(conditions.keySet());
            categories.add(OTHER);
            return categories;
        }

        String category(long count) {
            for (Map.Entry<String, String> rule : conditions.entrySet()) {
                if (holds(rule.getValue(), count)) {
                    return rule.getKey();
                }
            }
            return OTHER;
        }
    }

    private final Map<String, Language> byLanguage = new LinkedHashMap<>();

    PluralRules(ContentFolder content) {
        for (ContentFolder.Version layer : content.versions(FILE)) {
            Properties rules = new Properties();
            try {
                rules.load(new StringReader(new String(layer.bytes(), StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new ContentException(layer + ": cannot be read as a properties file (" + e.getMessage() + ")");
            }
            for (String language : rules.stringPropertyNames()) {
                byLanguage.put(language, parse(layer, language, rules.getProperty(language)));
            }
        }
    }

    /** The rules of a language, or null when the file has none for it. */
    Language of(String language) {
        return byLanguage.get(language);
    }

    private static Language parse(ContentFolder.Version file, String language, String text) {
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            String category = colon < 0 ? "" : part.substring(0, colon).strip();
            // CLDR's samples (@integer 1, 21, …) may be pasted in with the rule; they are not part of it
            String condition = colon < 0 ? "" : part.substring(colon + 1).split("@", 2)[0].strip();
            if (!category.matches("zero|one|two|few|many") || conditions.containsKey(category)
                    || !valid(condition)) {
                throw new ContentException(file + ": " + language + " has a rule that is not \"<zero, one, two, few"
                        + " or many>: <condition>\" in CLDR's integer syntax (" + part.strip() + ")");
            }
            conditions.put(category, condition);
        }
        return new Language(conditions);
    }

    private static boolean valid(String condition) {
        if (condition.isEmpty()) {
            return false;
        }
        for (String or : condition.split("\\bor\\b", -1)) {
            for (String and : or.split("\\band\\b", -1)) {
                if (!RELATION.matcher(and.strip()).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String condition, long count) {
        for (String or : condition.split("\\bor\\b", -1)) {
            boolean all = true;
            for (String and : or.split("\\band\\b", -1)) {
                all &= relation(and.strip(), count);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean relation(String relation, long count) {
        Matcher parts = RELATION.matcher(relation);
        parts.matches();
        // whole numbers: n and i are the count; v, w, f and t (digits after the point) are 0
        long value = "ni".contains(parts.group(1)) ? count : 0;
        if (parts.group(2) != null) {
            value %= Long.parseLong(parts.group(2));
        }
        boolean in = false;
        for (String range : parts.group(4).split(",")) {
            String[] ends = range.strip().split("\\.\\.");
            long low = Long.parseLong(ends[0]);
            long high = ends.length == 2 ? Long.parseLong(ends[1]) : low;
            in |= value >= low && value <= high;
        }
        return parts.group(3).equals("=") == in;
    }
}
