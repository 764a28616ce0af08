package org.signpost.bot.understanding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Words and phrases that always bring the urgent card, whatever the model says: shorthand and plain
 * statements of risk ("want to die", "cutting again", "ED relapse"), from {@code nlp/crisis-phrases-<locale>.txt}.
 * A line is {@code <category> | <phrase> [| if: <words>] [| unless: <words>]}: the phrase must appear in one
 * sentence, with at least one of the {@code if} words and none of the {@code unless} words in that sentence.
 * In a phrase, {@code a/b} is either word, {@code word*} any word that starts so, {@code *} any one word and
 * {@code ..} up to three words, {@code $} the end of the sentence, {@code ~word} the word or a one-letter typo
 * of it; a phrase starting {@code -a/b} does not count right after a or b ("don't want
 * to die" is not "want to die"). Two directives name the words that tell whose risk it is:
 * {@code @someone-else: he she my friend ...} and {@code @self: i im ...}; a personal match right after
 * someone else's name and not the person's own becomes worry about someone else. A third,
 * {@code @evidence: die dead kill* ...}, names the risk-carrying words without which the model may not judge a
 * sentence: ordinary sentences never bring the card on the model's priors alone. A fourth,
 * {@code @together <n>: <category> | <phrase> [| if: ...] [| unless: ...]}, is a rule that counts only when
 * at least n sentences of one message match it: a word such as "dead" in one sentence says little, the same
 * kind of word about oneself sentence after sentence says more.
 */
final class PhraseNet {

    private static final int GAP = 3;
    private static final int SUBJECT_WINDOW = 3;
    private static final int TYPO_LENGTH = 6;
    private static final String[] NONE = new String[0];

    // arrays walked by index: the net runs every rule over every sentence, and an iterator per list per rule
    // was most of what the crisis check allocated
    record Rule(String category, Element notAfter, Element[] phrase, Element[] needs, Element[] unless) {
    }

    /** A rule that must match in at least {@code sentences} sentences of one message. */
    record Together(int sentences, Rule rule) {
    }

    /** A sentence's tokens and the set of them, made once for all the rules. */
    record Sentence(String[] tokens, Set<String> present) {

        static Sentence of(String[] tokens) {
            return new Sentence(tokens, new HashSet<>(Arrays.asList(tokens)));
        }
    }

    /** One word of a phrase: alternatives, each exact or a prefix; {@code *} and {@code ..} are wildcards. */
    static final class Element {

        private final String[] exact;
        private final String[] prefixes;
        private final String[] fuzzy;
        private final boolean any;
        private final boolean gap;
        private final boolean end;

        private Element(String[] exact, String[] prefixes, String[] fuzzy, boolean any, boolean gap, boolean end) {
            this.exact = exact;
            this.prefixes = prefixes;
            this.fuzzy = fuzzy;
            this.any = any;
            this.gap = gap;
            this.end = end;
        }

        static Element parse(String word) {
            if (word.equals("*")) {
                return new Element(NONE, NONE, NONE, true, false, false);
            }
            if (word.equals("..")) {
                return new Element(NONE, NONE, NONE, false, true, false);
            }
            if (word.equals("$")) {
                return new Element(NONE, NONE, NONE, false, false, true);
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
            return new Element(exact.toArray(NONE), prefixes.toArray(NONE), fuzzy.toArray(NONE), false, false, false);
        }

        boolean gap() {
            return gap;
        }

        /** Matches a sentence exactly when one of its exact words is there: no prefix, typo or wildcard. */
        boolean exactOnly() {
            return prefixes.length == 0 && fuzzy.length == 0 && !any && !gap && !end;
        }

        boolean matches(String token) {
            if (any) {
                return true;
            }
            for (int i = 0; i < exact.length; i++) {
                if (exact[i].equals(token)) {
                    return true;
                }
            }
            for (int i = 0; i < prefixes.length; i++) {
                if (token.startsWith(prefixes[i])) {
                    return true;
                }
            }
            for (int i = 0; i < fuzzy.length; i++) {
                if (oneTypoAway(fuzzy[i], token)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether any of the sentence's words matches; the word set makes the common exact case cheap. */
        boolean matchesAny(Sentence sentence) {
            String[] tokens = sentence.tokens();
            if (any) {
                return tokens.length > 0;
            }
            for (int i = 0; i < exact.length; i++) {
                if (sentence.present().contains(exact[i])) {
                    return true;
                }
            }
            if (prefixes.length == 0 && fuzzy.length == 0) {
                return false;
            }
            for (int i = 0; i < tokens.length; i++) {
                if (matches(tokens[i])) {
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

    private final Rule[] rules;
    private final Together[] together;
    private final Element[] someoneElse;
    private final Element[] self;
    /**
     * A rule can match only where its phrase's first word is in the sentence: the rules whose first word is
     * exact, by each of its words (rule numbers ascending); the others (a prefix, a typo, a wildcard) are always
     * tried. A sentence is tried against the rules its words lead to, in rule order, not against all of them.
     */
    private final Map<String, int[]> startingWith;
    private final long[] alwaysTried;
    /** The evidence words' exact forms, one set; the evidence words with a prefix, typo or wildcard apart. */
    private final Set<String> evidenceExact;
    private final Element[] evidenceOther;

    private PhraseNet(List<Rule> rules, List<Together> together, List<Element> someoneElse, List<Element> self,
            List<Element> evidence) {
        this.rules = rules.toArray(Rule[]::new);
        this.together = together.toArray(Together[]::new);
        this.someoneElse = someoneElse.toArray(Element[]::new);
        this.self = self.toArray(Element[]::new);
        Map<String, List<Integer>> starting = new HashMap<>();
        this.alwaysTried = new long[(this.rules.length + 63) >>> 6];
        for (int i = 0; i < this.rules.length; i++) {
            Element first = this.rules[i].phrase()[0];
            if (first.exactOnly()) {
                for (String word : first.exact) {
                    List<Integer> ids = starting.computeIfAbsent(word, w -> new ArrayList<>());
                    if (ids.isEmpty() || ids.get(ids.size() - 1) != i) {
                        ids.add(i);
                    }
                }
            } else {
                alwaysTried[i >>> 6] |= 1L << i;
            }
        }
        this.startingWith = new HashMap<>();
        starting.forEach((word, ids) -> startingWith.put(word, ids.stream().mapToInt(Integer::intValue).toArray()));
        this.evidenceExact = new HashSet<>();
        List<Element> other = new ArrayList<>();
        for (Element element : evidence) {
            evidenceExact.addAll(Arrays.asList(element.exact));
            if (!element.exactOnly()) {
                other.add(element);
            }
        }
        this.evidenceOther = other.toArray(Element[]::new);
    }

    /** The locale's list where there is one, always with the English one (people switch languages). */
    static PhraseNet load(ContentFolder content, Locale locale, Set<String> categories) {
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

    static PhraseNet parse(List<String> lines, Set<String> categories) {
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
                someoneElse.addAll(Arrays.asList(elements(line.substring(line.indexOf(':') + 1))));
                continue;
            }
            if (line.startsWith("@self:")) {
                self.addAll(Arrays.asList(elements(line.substring(line.indexOf(':') + 1))));
                continue;
            }
            if (line.startsWith("@evidence:")) {
                evidence.addAll(Arrays.asList(elements(line.substring(line.indexOf(':') + 1))));
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
        return new PhraseNet(rules, together, someoneElse, self, evidence);
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
        Element[] needs = new Element[0];
        Element[] unless = new Element[0];
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
        Element notAfter = null;
        if (words.startsWith("-")) {
            int space = words.indexOf(' ');
            notAfter = Element.parse(words.substring(1, space));
            words = words.substring(space + 1);
        }
        Element[] phrase = elements(words);
        if (phrase.length == 0 || phrase[0].gap()) {
            throw new IllegalStateException("crisis phrases: a phrase starts with a word: " + line);
        }
        return new Rule(category, notAfter, phrase, needs, unless);
    }

    private static Element[] elements(String words) {
        String[] tokens = words.toLowerCase(Locale.ROOT).replaceAll("['’‘]", "").strip().split("\\s+");
        return Arrays.stream(tokens).filter(token -> !token.isEmpty()).map(Element::parse).toArray(Element[]::new);
    }

    int size() {
        return rules.length;
    }

    /** Whether the sentence has a risk-carrying word, so that the model may judge it. */
    boolean hasEvidence(String[] tokens) {
        return hasEvidence(Sentence.of(tokens));
    }

    boolean hasEvidence(Sentence sentence) {
        for (String token : sentence.tokens()) {
            if (evidenceExact.contains(token)) {
                return true;
            }
        }
        return containsAny(sentence, evidenceOther);
    }

    /** The categories this sentence's tokens match, in rule order; someone else's risk is told apart. */
    List<String> matches(String[] tokens) {
        return matches(Sentence.of(tokens));
    }

    List<String> matches(Sentence sentence) {
        List<String> found = new ArrayList<>(2);
        long[] tried = alwaysTried.clone();
        for (String token : sentence.tokens()) {
            int[] ids = startingWith.get(token);
            for (int k = 0; ids != null && k < ids.length; k++) {
                tried[ids[k] >>> 6] |= 1L << ids[k];
            }
        }
        for (int word = 0; word < tried.length; word++) {
            for (long bits = tried[word]; bits != 0; bits &= bits - 1) {
                int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                int start = start(sentence, rules[i]);
                if (start >= 0) {
                    found.add(aboutSomeoneElse(sentence.tokens(), start) ? OpenNlpCrisisDetector.SOMEONE_ELSE
                            : rules[i].category());
                }
            }
        }
        return found;
    }

    /** The categories of the {@code @together} rules that enough of these sentences (one message) match. */
    List<String> matchesTogether(List<String[]> sentences) {
        return matchesTogetherIn(sentences.stream().map(Sentence::of).toList());
    }

    List<String> matchesTogetherIn(List<Sentence> sentences) {
        List<String> found = new ArrayList<>(2);
        for (Together rule : together) {
            int matching = 0;
            for (int i = 0; i < sentences.size(); i++) {
                if (start(sentences.get(i), rule.rule()) >= 0 && ++matching >= rule.sentences()) {
                    found.add(rule.rule().category());
                    break;
                }
            }
        }
        return found;
    }

    /** Where the rule matches in the sentence, or -1. */
    private static int start(Sentence sentence, Rule rule) {
        // the cheapest test first: the phrase's first word must be in the sentence at all
        if (!rule.phrase()[0].matchesAny(sentence)) {
            return -1;
        }
        if (rule.needs().length > 0 && !containsAny(sentence, rule.needs())) {
            return -1;
        }
        if (containsAny(sentence, rule.unless())) {
            return -1;
        }
        return find(sentence.tokens(), rule);
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

    private static boolean containsAny(Sentence sentence, Element[] words) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].matchesAny(sentence)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(Element[] words, String token) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].matches(token)) {
                return true;
            }
        }
        return false;
    }

    /** Where the rule's phrase starts in the tokens, or -1. */
    private static int find(String[] tokens, Rule rule) {
        Element notAfter = rule.notAfter();
        for (int start = 0; start < tokens.length; start++) {
            // the first word has "" before it, as the rules were written against
            boolean excluded = notAfter != null && notAfter.matches(start > 0 ? tokens[start - 1] : "");
            if (!excluded && matchesAt(tokens, start, rule.phrase(), 0)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(String[] tokens, int at, Element[] phrase, int element) {
        if (element == phrase.length) {
            return true;
        }
        Element next = phrase[element];
        if (next.end) {
            return at == tokens.length;
        }
        if (next.gap) {
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
