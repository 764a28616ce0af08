package org.signpost.bot.understanding;

import java.util.List;
import opennlp.tools.util.Span;

/**
 * The tokenizer's splits of the words of a vocabulary (the lemmatiser's), by the word's number there: a word's splits
 * depend on its characters alone, so a word of that vocabulary typed again is split as before without the model.
 * Holds word numbers and split positions only (OutcomeMemo), never text.
 */
final class SplitMemo {

    /** The longest word whose splits fit (one bit per inner character). */
    static final int LONGEST_WORD = Integer.numberOfTrailingZeros(OutcomeMemo.MOST_OUTCOMES) + 1;

    private final WordTable words;
    private final OutcomeMemo memo;

    /** {@code slots} a power of two; null when there is nothing to keep. */
    static SplitMemo of(WordTable words, int slots) {
        return words != null && slots > 0 && words.size() < OutcomeMemo.MOST_KEYS
                ? new SplitMemo(words, new OutcomeMemo(slots)) : null;
    }

    private SplitMemo(WordTable words, OutcomeMemo memo) {
        this.words = words;
        this.memo = memo;
    }

    /**
     * The token's number in the vocabulary if its splits can be kept, else -1: for {@link #replay} and then, if it
     * did not, {@link #keep} (one look-up for both).
     */
    int word(String token) {
        if (token.length() > LONGEST_WORD) {
            return -1;
        }
        int row = words.row(token);
        return row < 0 ? -1 : row / words.width;
    }

    /** The spans of the token whose {@link #word} this is, as the model split it before, added to {@code spans}; false if they are not kept. */
    boolean replay(int word, Span token, List<Span> spans) {
        int splits = word < 0 ? OutcomeMemo.ABSENT : memo.get(word);
        if (splits == OutcomeMemo.ABSENT) {
            return false;
        }
        int start = token.getStart();
        for (int k = 0; splits != 0; k++, splits >>>= 1) {
            if ((splits & 1) != 0) {
                spans.add(new Span(start, token.getStart() + k + 1));
                start = token.getStart() + k + 1;
            }
        }
        spans.add(new Span(start, token.getEnd()));
        return true;
    }

    /** Keeps the splits of the token whose {@link #word} this is, if it has one: bit k set where it is split before character k + 1. */
    void keep(int word, int splits) {
        if (word >= 0) {
            memo.put(word, splits);
        }
    }
}
