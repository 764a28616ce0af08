package org.signpost.dialogs.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plural texts inside a wording text, in ICU's form {@code {count, plural, =0 {…} one {# answer}
 * other {# answers}}}: the value named first picks a form, {@code =N} for exactly N, else the locale's
 * category of it, else "other"; {@code #} in the form is the value. (No ICU quoting or offsets.)
 */
final class PluralText {

    private static final Pattern HEAD = Pattern.compile("\\s*([A-Za-z0-9]+)\\s*,\\s*plural\\s*,(.*)", Pattern.DOTALL);
    private static final Pattern SELECTOR = Pattern.compile("\\s*(=\\d+|[a-z]+)\\s*\\{");

    /** One plural text: the value it counts, its forms by selector, and where it stands in the text. */
    record Choice(String name, Map<String, String> forms, int start, int end) {
    }

    private PluralText() {
    }

    /** The plural texts of a text, outermost only; a malformed one throws IllegalArgumentException. */
    static List<Choice> choices(String text) {
        List<Choice> choices = new ArrayList<>();
        for (int at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
            int close = closing(text, at);
            if (close < 0) {
                if (HEAD.matcher(text.substring(at + 1)).matches()) {
                    throw new IllegalArgumentException("a plural text is not closed with }");
                }
                continue;
            }
            Matcher head = HEAD.matcher(text.substring(at + 1, close));
            if (head.matches()) {
                choices.add(new Choice(head.group(1), forms(head.group(2)), at, close + 1));
                at = close;
            }
        }
        return choices;
    }

    /** The text with each plural text replaced by its form for the value it counts. */
    static String select(String text, Map<String, String> values, PluralRules.Language rules) {
        if (!text.contains("plural")) {
            return text; // most texts: no scan
        }
        List<Choice> choices = choices(text);
        if (choices.isEmpty()) {
            return text;
        }
        StringBuilder result = new StringBuilder();
        int from = 0;
        for (Choice choice : choices) {
            result.append(text, from, choice.start());
            String value = values.get(choice.name());
            String form = choice.forms().get(PluralRules.OTHER);
            Long count = number(value);
            if (count != null) {
                form = choice.forms().getOrDefault("=" + count,
                        choice.forms().getOrDefault(rules.category(count), form));
            }
            result.append(select(form, values, rules).replace("#", value == null ? "#" : value));
            from = choice.end();
        }
        return result.append(text.substring(from)).toString();
    }

    private static Map<String, String> forms(String body) {
        Map<String, String> forms = new LinkedHashMap<>();
        int at = 0;
        while (!body.substring(at).isBlank()) {
            Matcher selector = SELECTOR.matcher(body);
            if (!selector.find(at) || selector.start() != at) {
                throw new IllegalArgumentException("a plural text's forms must be written \"one {…} other {…}\"");
            }
            int open = selector.end() - 1;
            int close = closing(body, open);
            if (close < 0) {
                throw new IllegalArgumentException("the form " + selector.group(1) + " is not closed with }");
            }
            if (forms.put(selector.group(1), body.substring(open + 1, close)) != null) {
                throw new IllegalArgumentException("the form " + selector.group(1) + " is given twice");
            }
            at = close + 1;
        }
        if (!forms.containsKey(PluralRules.OTHER)) {
            throw new IllegalArgumentException("a plural text needs the form \"other\"");
        }
        return forms;
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Long number(String value) {
        if (value == null || !value.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(value);
    }
}
