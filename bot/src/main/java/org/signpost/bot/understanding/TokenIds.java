package org.signpost.bot.understanding;

import java.util.Set;
import opennlp.tools.util.StringUtil;

/**
 * The numbers of the tokenizer's features at a split position ({@code DefaultTokenContextGenerator.createContext}
 * of opennlp-tools 2.5: the text before and after the position, the characters around it, their classes and
 * pairs; {@code predicates.ids} of its strings, in its order) without making the strings: a character's feature
 * and a pair of ASCII characters come from tables made at load, and the text before and after the position is
 * looked up through {@link FeatureKey}. TokenIdsTests compares every position with OpenNLP's strings.
 * Thread-safe (the caller brings the key and the buffer).
 */
final class TokenIds {

    /** The most features a position has: p=, s=, 3 per character (4), 3 pairs or "bok"s, cc, pabb. */
    static final int MOST = 2 + 4 * 3 + 3 + 2;
    private static final String[] KEYS = {"p1", "p2", "f1", "f2"};
    private static final int P1 = 0;
    private static final int P2 = 1;
    private static final int F1 = 2;
    private static final int F2 = 3;
    private static final String[] CLASSES = {"_alpha", "_caps", "_num", "_ws", "_eos", "_quote", "_lp", "_rp"};
    private static final int ALPHA = 0;
    private static final int CAPS = 1;
    private static final int NUM = 2;
    private static final int WS = 3;
    private static final int EOS = 4;
    private static final int QUOTE = 5;
    private static final int LP = 6;
    private static final int RP = 7;
    /** Characters below this have their features in the tables. */
    private static final int TABLED = 256;
    private static final int ASCII = 128;
    private static final String[] PAIRS = {"p21=", "p1f1=", "f12="};

    private final PredicateIndex predicates;
    private final Set<String> abbreviations;
    /** {@code character[key * TABLED + c]}: the number of key + "=" + c. */
    private final int[] character = new int[KEYS.length * TABLED];
    private final int[] classes = new int[KEYS.length * CLASSES.length];
    /** {@code pair[kind * ASCII * ASCII + a * ASCII + b]}: the number of the pair feature of a then b. */
    private final int[] pair = new int[PAIRS.length * ASCII * ASCII];
    private final int previousBok;
    private final int beforePreviousBok;
    private final int nextBok;
    private final int characterCode;
    private final int abbreviation;

    /** Over the model's predicates; {@code abbreviations} as the context generator was given them. */
    TokenIds(PredicateIndex predicates, Set<String> abbreviations) {
        this.predicates = predicates;
        this.abbreviations = abbreviations;
        for (int k = 0; k < KEYS.length; k++) {
            for (char c = 0; c < TABLED; c++) {
                character[k * TABLED + c] = predicates.id(KEYS[k] + "=" + c);
            }
            for (int x = 0; x < CLASSES.length; x++) {
                classes[k * CLASSES.length + x] = predicates.id(KEYS[k] + CLASSES[x]);
            }
        }
        for (int kind = 0; kind < PAIRS.length; kind++) {
            for (char a = 0; a < ASCII; a++) {
                for (char b = 0; b < ASCII; b++) {
                    pair[(kind * ASCII + a) * ASCII + b] = predicates.id(PAIRS[kind] + a + b);
                }
            }
        }
        this.previousBok = predicates.id("p1=bok");
        this.beforePreviousBok = predicates.id("p2=bok");
        this.nextBok = predicates.id("f2=bok");
        this.characterCode = predicates.id("cc");
        this.abbreviation = predicates.id("pabb");
    }

    /** Into {@code ids}: the numbers of the features of splitting {@code token} before {@code index}; how many. */
    int ids(String token, int index, FeatureKey key, int[] ids) {
        int n = 0;
        ids[n++] = key.start("p=").append(token, 0, index).id(predicates);
        ids[n++] = key.start("s=").append(token, index, token.length()).id(predicates);
        char current = token.charAt(index);
        if (index > 0) {
            char previous = token.charAt(index - 1);
            n = character(P1, previous, key, ids, n);
            if (index > 1) {
                char beforePrevious = token.charAt(index - 2);
                n = character(P2, beforePrevious, key, ids, n);
                ids[n++] = pair(0, beforePrevious, previous, key);
            } else {
                ids[n++] = beforePreviousBok;
            }
            ids[n++] = pair(1, previous, current, key);
        } else {
            ids[n++] = previousBok;
        }
        n = character(F1, current, key, ids, n);
        if (index + 1 < token.length()) {
            char next = token.charAt(index + 1);
            n = character(F2, next, key, ids, n);
            ids[n++] = pair(2, current, next, key);
        } else {
            ids[n++] = nextBok;
        }
        if (token.charAt(0) == '&' && token.charAt(token.length() - 1) == ';') {
            ids[n++] = characterCode;
        }
        if (index == token.length() - 1 && abbreviations.contains(token)) {
            ids[n++] = abbreviation;
        }
        return n;
    }

    /** addCharPreds: the character itself, then its class (letter, capital; digit; space; end, quote, brackets). */
    private int character(int k, char c, FeatureKey key, int[] ids, int n) {
        ids[n++] = c < TABLED ? character[k * TABLED + c] : key.start(KEYS[k]).append("=").append(String.valueOf(c)).id(predicates);
        int x = -1;
        if (Character.isLetter(c)) {
            ids[n++] = classes[k * CLASSES.length + ALPHA];
            if (Character.isUpperCase(c)) {
                x = CAPS;
            }
        } else if (Character.isDigit(c)) {
            x = NUM;
        } else if (StringUtil.isWhitespace(c)) {
            x = WS;
        } else if (c == '.' || c == '?' || c == '!') {
            x = EOS;
        } else if (c == '`' || c == '"' || c == '\'') {
            x = QUOTE;
        } else if (c == '[' || c == '{' || c == '(') {
            x = LP;
        } else if (c == ']' || c == '}' || c == ')') {
            x = RP;
        }
        if (x >= 0) {
            ids[n++] = classes[k * CLASSES.length + x];
        }
        return n;
    }

    private int pair(int kind, char a, char b, FeatureKey key) {
        if (a < ASCII && b < ASCII) {
            return pair[(kind * ASCII + a) * ASCII + b];
        }
        return key.start(PAIRS[kind]).append(String.valueOf(a)).append(String.valueOf(b)).id(predicates);
    }
}
