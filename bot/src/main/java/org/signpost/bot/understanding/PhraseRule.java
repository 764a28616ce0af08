package org.signpost.bot.understanding;

/**
 * One line of the phrase list: its phrase must appear in one sentence, with at least one of the {@code needs}
 * words (when there are any) and none of the {@code unless} words in that sentence, and not right after a
 * {@code notAfter} word.
 */
// arrays walked by index: the net runs every rule over every sentence, and an iterator per list per rule
// was most of what the crisis check allocated
record PhraseRule(String category, PhraseWord notAfter, PhraseWord[] phrase, PhraseWord[] needs,
        PhraseWord[] unless) {

    /** Where the rule matches in the sentence, or -1. */
    int start(Sentence sentence) {
        // the cheapest test first: the phrase's first word must be in the sentence at all
        if (!phrase[0].matchesAny(sentence)) {
            return -1;
        }
        if (needs.length > 0 && !PhraseWord.containsAny(sentence, needs)) {
            return -1;
        }
        if (PhraseWord.containsAny(sentence, unless)) {
            return -1;
        }
        return find(sentence.tokens());
    }

    /** Where the phrase starts in the tokens, or -1. */
    private int find(String[] tokens) {
        for (int start = 0; start < tokens.length; start++) {
            // the first word has "" before it, as the rules were written against
            boolean excluded = notAfter != null && notAfter.matches(start > 0 ? tokens[start - 1] : "");
            if (!excluded && PhraseWord.matchesAt(tokens, start, phrase, 0)) {
                return start;
            }
        }
        return -1;
    }
}
