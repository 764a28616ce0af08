package org.signpost.bot.understanding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.signpost.dialogs.content.ContentFolder;

/**
 * The phrase net as it was before its matching stopped allocating (main at 762004d), kept word for word as the
 * reference that {@link PhraseNetEquivalenceTests} holds {@link PhraseNet} to. Not used by the product.
 */
final class PhraseNetBefore {

    private static final int GAP = 3;
    private static final int SUBJECT_WINDOW = 3;
    private static final int TYPO_LENGTH = 6;

    record Rule(String category, Optional<Element> notAfter, List<Element> phrase, List<Element> needs,
            List<Element> unless) {
    }

    /** A rule that must match in at least {@code sentences} sentences of one message. */
    record Together(int sentences, Rule rule) {
    }

    /** One word of a phrase: alternatives, each exact or a prefix; {@code *} and {@code ..} are wildcards. */
    record Element(List<String> exact, List<String> prefixes, List<String> fuzzy, boolean any, boolean gap,
            boolean end) {

        static Element parse(String word) {
            if (word.equals("*")) {
                return new Element(List.of(), List.of(), List.of(), true, false, false);
            }
            if (word.equals("..")) {
                return new Element(List.of(), List.of(), List.of(), false, true, false);
            }
            if (word.equals("$")) {
                return new Element(List.of(), List.of(), List.of(), false, false, true);
            }
            List<String> exact = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            List<String> fuzzy = new ArrayList<>();
            for (String alternative : word.split("/")) {
                if (alternative.startsWith("~")) {
                    exact.add(alternative.substring(1));
                    fuzzy.add(alternative.substring(1));
                } else if (alternative.endsWith("*")) {
                    prefixes.add(alternative.substring(0, alternative.length() - 1));
                } else {
                    exact.add(alternative);
                }
            }
            return new Element(List.copyOf(exact), List.copyOf(prefixes), List.copyOf(fuzzy), false, false, false);
        }

        boolean matches(String token) {
            if (any || exact.contains(token)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (token.startsWith(prefix)) {
                    return true;
                }
            }
            for (String word : fuzzy) {
                if (oneTypoAway(word, token)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether any of the sentence's words matches; the word set makes the common exact case cheap. */
        boolean matchesAny(String[] tokens, Set<String> present) {
            if (any) {
                return tokens.length > 0;
            }
            for (String word : exact) {
                if (present.contains(word)) {
                    return true;
                }
            }
            if (prefixes.isEmpty() && fuzzy.isEmpty()) {
                return false;
            }
            for (String token : tokens) {
                if (matches(token)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A word marked {@code ~} in the list, six letters or longer, still matches with one letter missing, added,
     * changed or two swapped ("suicdal", "burdan"). The first letter must agree.
     */
    static boolean oneTypoAway(String word, String token) {
        int difference = token.length() - word.length();
        if (word.length() < TYPO_LENGTH || difference < -1 || difference > 1 || token.isEmpty()
                || token.charAt(0) != word.charAt(0)) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < word.length() && j < token.length()) {
            if (word.charAt(i) == token.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (difference == 0 && i + 1 < word.length() && word.charAt(i) == token.charAt(j + 1)
                    && word.charAt(i + 1) == token.charAt(j)) {
                i += 2;
                j += 2;
            } else if (difference == 0) {
                i++;
                j++;
            } else if (difference > 0) {
                j++;
            } else {
                i++;
            }
        }
        return !edited || (i == word.length() && j == token.length());
    }

    private final List<Rule> rules;
    private final List<Together> together;
    private final List<Element> someoneElse;
    private final List<Element> self;
    private final List<Element> evidence;

    private PhraseNetBefore(List<Rule> rules, List<Together> together, List<Element> someoneElse, List<Element> self,
            List<Element> evidence) {
        this.rules = rules;
        this.together = together;
        this.someoneElse = someoneElse;
        this.self = self;
        this.evidence = evidence;
    }

    /** The locale's list where there is one, always with the English one (people switch languages). */
    static PhraseNetBefore load(ContentFolder content, Locale locale, Set<String> categories) {
        List<String> files = new ArrayList<>();
        if (!locale.toLanguageTag().equals("en-GB")) {
            files.add("nlp/crisis-phrases-" + locale.toLanguageTag() + ".txt");
            files.add("nlp/crisis-phrases-" + locale.getLanguage() + ".txt");
        }
        files.add("nlp/crisis-phrases-en-GB.txt");
        List<String> lines = new ArrayList<>();
        for (String file : files.stream().distinct().toList()) {
            for (byte[] layer : content.layers(file)) {
                lines.addAll(Arrays.asList(new String(layer, StandardCharsets.UTF_8).split("\\R")));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("Missing nlp/crisis-phrases-en-GB.txt");
        }
        return parse(lines, categories);
    }

    static PhraseNetBefore parse(List<String> lines, Set<String> categories) {
        List<Rule> rules = new ArrayList<>();
        List<Together> together = new ArrayList<>();
        List<Element> someoneElse = new ArrayList<>();
        List<Element> self = new ArrayList<>();
        List<Element> evidence = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@someone-else:")) {
                someoneElse.addAll(elements(line.substring(line.indexOf(':') + 1)));
                continue;
            }
            if (line.startsWith("@self:")) {
                self.addAll(elements(line.substring(line.indexOf(':') + 1)));
                continue;
            }
            if (line.startsWith("@evidence:")) {
                evidence.addAll(elements(line.substring(line.indexOf(':') + 1)));
                continue;
            }
            if (line.startsWith("@together")) {
                int colon = line.indexOf(':');
                int count = colon < 0 ? 0 : parseCount(line.substring("@together".length(), colon).strip());
                if (count < 2) {
                    throw new IllegalStateException("crisis phrases: not @together <2 or more>: <rule>: " + line);
                }
                together.add(new Together(count, rule(line.substring(colon + 1).strip(), categories)));
                continue;
            }
            rules.add(rule(line, categories));
        }
        return new PhraseNetBefore(List.copyOf(rules), List.copyOf(together), List.copyOf(someoneElse), List.copyOf(self),
                List.copyOf(evidence));
    }

    private static int parseCount(String count) {
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Rule rule(String line, Set<String> categories) {
        String[] parts = line.split("\\|");
        String category = parts[0].strip();
        if (parts.length < 2 || !categories.contains(category)) {
            throw new IllegalStateException("crisis phrases: not <category in scope> | <phrase>: " + line);
        }
        List<Element> needs = List.of();
        List<Element> unless = List.of();
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.contains("unless:") && part.startsWith("if:")) {
                throw new IllegalStateException("crisis phrases: separate if: and unless: with | in " + line);
            }
            if (part.startsWith("if:")) {
                needs = elements(part.substring(3));
            } else if (part.startsWith("unless:")) {
                unless = elements(part.substring(7));
            } else {
                throw new IllegalStateException("crisis phrases: expected if: or unless: in " + line);
            }
        }
        String words = parts[1].strip();
        Optional<Element> notAfter = Optional.empty();
        if (words.startsWith("-")) {
            int space = words.indexOf(' ');
            notAfter = Optional.of(Element.parse(words.substring(1, space)));
            words = words.substring(space + 1);
        }
        List<Element> phrase = elements(words);
        if (phrase.isEmpty() || phrase.get(0).gap()) {
            throw new IllegalStateException("crisis phrases: a phrase starts with a word: " + line);
        }
        return new Rule(category, notAfter, phrase, needs, unless);
    }

    private static List<Element> elements(String words) {
        String[] tokens = words.toLowerCase(Locale.ROOT).replaceAll("['’‘]", "").strip().split("\\s+");
        return Arrays.stream(tokens).filter(token -> !token.isEmpty()).map(Element::parse)
                .collect(Collectors.toList());
    }

    int size() {
        return rules.size();
    }

    /** Whether the sentence has a risk-carrying word, so that the model may judge it. */
    boolean hasEvidence(String[] tokens) {
        return containsAny(tokens, new HashSet<>(Arrays.asList(tokens)), evidence);
    }

    /** The categories this sentence's tokens match, in rule order; someone else's risk is told apart. */
    List<String> matches(String[] tokens) {
        List<String> found = new ArrayList<>();
        Set<String> present = new HashSet<>(Arrays.asList(tokens));
        for (Rule rule : rules) {
            int start = start(tokens, present, rule);
            if (start >= 0) {
                found.add(aboutSomeoneElse(tokens, start) ? OpenNlpCrisisDetector.SOMEONE_ELSE : rule.category());
            }
        }
        return found;
    }

    /** The categories of the {@code @together} rules that enough of these sentences (one message) match. */
    List<String> matchesTogether(List<String[]> sentences) {
        List<String> found = new ArrayList<>();
        for (Together rule : together) {
            int matching = 0;
            for (String[] tokens : sentences) {
                if (start(tokens, new HashSet<>(Arrays.asList(tokens)), rule.rule()) >= 0 && ++matching >= rule.sentences()) {
                    found.add(rule.rule().category());
                    break;
                }
            }
        }
        return found;
    }

    /** Where the rule matches in the sentence, or -1. */
    private static int start(String[] tokens, Set<String> present, Rule rule) {
        // the cheapest test first: the phrase's first word must be in the sentence at all
        if (!rule.phrase().get(0).matchesAny(tokens, present)) {
            return -1;
        }
        if (!rule.needs().isEmpty() && !containsAny(tokens, present, rule.needs())) {
            return -1;
        }
        if (containsAny(tokens, present, rule.unless())) {
            return -1;
        }
        return find(tokens, rule);
    }

    private boolean aboutSomeoneElse(String[] tokens, int start) {
        int from = Math.max(0, start - SUBJECT_WINDOW);
        boolean other = false;
        for (int i = from; i < start; i++) {
            if (anyMatches(self, tokens[i])) {
                return false;
            }
            other |= anyMatches(someoneElse, tokens[i]);
        }
        return other;
    }

    private static boolean containsAny(String[] tokens, Set<String> present, List<Element> words) {
        for (Element word : words) {
            if (word.matchesAny(tokens, present)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(List<Element> words, String token) {
        for (Element word : words) {
            if (word.matches(token)) {
                return true;
            }
        }
        return false;
    }

    /** Where the rule's phrase starts in the tokens, or -1. */
    private static int find(String[] tokens, Rule rule) {
        for (int start = 0; start < tokens.length; start++) {
            String before = start > 0 ? tokens[start - 1] : "";
            boolean excluded = rule.notAfter().map(word -> word.matches(before)).orElse(false);
            if (!excluded && matchesAt(tokens, start, rule.phrase(), 0)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(String[] tokens, int at, List<Element> phrase, int element) {
        if (element == phrase.size()) {
            return true;
        }
        Element next = phrase.get(element);
        if (next.end()) {
            return at == tokens.length;
        }
        if (next.gap()) {
            for (int skip = 0; skip <= GAP && at + skip <= tokens.length; skip++) {
                if (matchesAt(tokens, at + skip, phrase, element + 1)) {
                    return true;
                }
            }
            return false;
        }
        return at < tokens.length && next.matches(tokens[at]) && matchesAt(tokens, at + 1, phrase, element + 1);
    }
}
