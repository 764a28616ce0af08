package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.List;

/** One word of a phrase: alternatives, each exact or a prefix; {@code *} and {@code ..} are wildcards. */
final class PhraseWord {

    private static final int GAP = 3;
    private static final int TYPO_LENGTH = 6;
    private static final String[] NONE = new String[0];

    private final String[] exact;
    private final String[] prefixes;
    private final String[] fuzzy;
    private final boolean any;
    private final boolean gap;
    private final boolean end;

    private PhraseWord(String[] exact, String[] prefixes, String[] fuzzy, boolean any, boolean gap, boolean end) {
        this.exact = exact;
        this.prefixes = prefixes;
        this.fuzzy = fuzzy;
        this.any = any;
        this.gap = gap;
        this.end = end;
    }

    static PhraseWord parse(String word) {
        if (word.equals("*")) {
            return new PhraseWord(NONE, NONE, NONE, true, false, false);
        }
        if (word.equals("..")) {
            return new PhraseWord(NONE, NONE, NONE, false, true, false);
        }
        if (word.equals("$")) {
            return new PhraseWord(NONE, NONE, NONE, false, false, true);
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
        return new PhraseWord(exact.toArray(NONE), prefixes.toArray(NONE), fuzzy.toArray(NONE), false, false, false);
    }

    boolean gap() {
        return gap;
    }

    /** The words it matches exactly, in the list's order (with a typo marked {@code ~}, the word as written). */
    List<String> exactWords() {
        return List.of(exact);
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

    /** Whether any of the words matches anywhere in the sentence. */
    static boolean containsAny(Sentence sentence, PhraseWord[] words) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].matchesAny(sentence)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of the words matches the token. */
    static boolean anyMatches(PhraseWord[] words, String token) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].matches(token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the phrase, from its word at {@code from} on, matches the tokens from {@code at} on. */
    static boolean matchesAt(String[] tokens, int at, PhraseWord[] phrase, int from) {
        if (from == phrase.length) {
            return true;
        }
        PhraseWord next = phrase[from];
        if (next.end) {
            return at == tokens.length;
        }
        if (next.gap) {
            for (int skip = 0; skip <= GAP && at + skip <= tokens.length; skip++) {
                if (matchesAt(tokens, at + skip, phrase, from + 1)) {
                    return true;
                }
            }
            return false;
        }
        return at < tokens.length && next.matches(tokens[at]) && matchesAt(tokens, at + 1, phrase, from + 1);
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
}
