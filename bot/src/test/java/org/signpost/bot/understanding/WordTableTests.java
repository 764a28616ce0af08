package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A word's row is found by its hash, length and characters: every word of a table finds its own row, as a map from
 * the words would give it, and any other string none, words of equal hashes ("Aa" and "BB"), a word and its first
 * characters of the same hash, and words beyond Latin-1 included.
 */
class WordTableTests {

    @Test
    void everyWordFindsItsOwnRowAndEveryOtherStringNone() {
        // a real vocabulary's size and shape: the tagger's and lemmatiser's predicates as words, then every
        // whitespace-separated word of the shipped texts, in upper case, with a character more and as a predicate,
        // asked as well
        CompactEnglish english = CompactEnglish.builtIn().orElseThrow();
        Set<String> vocabulary = new LinkedHashSet<>();
        for (CompactModels models : List.of(english.tags(), english.lemmas())) {
            for (int id = 0; id < models.predicates().size(); id++) {
                vocabulary.add(models.predicates().predicate(id));
            }
        }
        vocabulary.addAll(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "café", "don’t", "😀", ""));
        List<String> words = new ArrayList<>(vocabulary);
        WordTable table = new WordTable(words, 2, word -> new int[] {word.length(), word.hashCode()});
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            rows.put(words.get(i), i * 2);
        }
        assertThat(table.size()).isEqualTo(words.size()).isGreaterThan(50_000);
        for (String word : words) {
            int row = table.row(word);
            assertThat(row).as(word).isEqualTo(rows.get(word));
            assertThat(table.values[row]).isEqualTo(word.length());
            assertThat(table.values[row + 1]).isEqualTo(word.hashCode());
            // the same characters in another String
            assertThat(table.row(new String(word.toCharArray()))).isEqualTo(row);
        }
        Set<String> asked = new LinkedHashSet<>(List.of("C#", "AaAaAa", "BBAa", "cafe", "do’nt", "😁", " ", "\0"));
        for (String text : CompactModelTests.texts()) {
            for (String word : text.split("\\s+")) {
                asked.add(word);
                asked.add(word.toUpperCase(Locale.ROOT));
                asked.add(word + "\0");
                asked.add(word + "s");
                // as the tagger's predicates name a word
                asked.add("w=" + word.toLowerCase(Locale.ROOT));
                asked.add("w=" + word.toLowerCase(Locale.ROOT) + "\0");
            }
        }
        assertThat(asked).hasSizeGreaterThan(50_000);
        long found = 0;
        for (String word : asked) {
            assertThat(table.row(word)).as(word).isEqualTo(rows.getOrDefault(word, WordTable.ABSENT));
            found += rows.containsKey(word) ? 1 : 0;
        }
        assertThat(found).isGreaterThan(1_000);
    }

    /**
     * A word and its first characters with the same hash (a hash of 0 or of 2^31 is the same with a NUL after it):
     * the shorter is not the longer, whichever of them the table holds.
     */
    @Test
    void aWordIsNotItsOwnBeginningOfTheSameHash() {
        String kin = "polygenelubricants";
        assertThat((kin + "\0").hashCode()).isEqualTo(kin.hashCode());
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        WordTable longer = new WordTable(List.of("x", kin + "\0", "\0\0", "Aa"), 1, word -> new int[] {7});
        for (String absent : List.of(kin, "", "\0", kin + "\0\0", "BB")) {
            assertThat(longer.row(absent)).as("%s", absent.length()).isEqualTo(WordTable.ABSENT);
        }
        assertThat(longer.row(kin + "\0")).isEqualTo(1);
        assertThat(longer.row("Aa")).isEqualTo(3);
        WordTable shorter = new WordTable(List.of("x", kin, "", "BB"), 1, word -> new int[] {7});
        for (String absent : List.of(kin + "\0", "\0", "Aa")) {
            assertThat(shorter.row(absent)).as("%s", absent.length()).isEqualTo(WordTable.ABSENT);
        }
        assertThat(shorter.row(kin)).isEqualTo(1);
        assertThat(shorter.row("")).isEqualTo(2);
        assertThat(shorter.row("BB")).isEqualTo(3);
    }

    @Test
    void aWordGivenTwiceOrARowOfAnotherWidthIsRefused() {
        assertThatThrownBy(() -> new WordTable(List.of("a", "b", "a"), 1, word -> new int[] {1}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WordTable(List.of("a"), 2, word -> new int[] {1}))
                .isInstanceOf(IllegalStateException.class);
    }
}
