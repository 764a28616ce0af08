package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A predicate's number is found by its hash and then its bytes: predicates sharing a hash ("Aa" and "BB")
 * and a slot keep their own numbers, a predicate absent from the model is absent, and non-ASCII ones match.
 */
class PredicateIndexTests {

    @Test
    void everyPredicateHasItsOwnNumberAndAnUnknownOneNone() {
        List<String> predicates = new ArrayList<>(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "w=café", "c=<ca"));
        for (int i = 0; i < 5_000; i++) {
            predicates.add("w=word" + i);
        }
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
        PredicateIndex index = PredicateIndex.of(predicates);
        for (int id = 0; id < predicates.size(); id++) {
            assertThat(index.id(predicates.get(id))).as(predicates.get(id)).isEqualTo(id);
            assertThat(index.predicate(id)).isEqualTo(predicates.get(id));
        }
        for (String absent : List.of("C#", "AaAaAa", "w=cafe", "w=word5000", "", "w=wörd1")) {
            assertThat(index.id(absent)).as(absent).isEqualTo(PredicateIndex.ABSENT);
        }
    }

    /**
     * A predicate and its first characters with the same hash (a hash of 0 or of 2^31 is the same with a NUL after
     * it): the shorter is not the longer, whichever of them the index holds.
     */
    @Test
    void aPredicateIsNotItsOwnBeginningOfTheSameHash() {
        String kin = "polygenelubricants";
        assertThat((kin + "\0").hashCode()).isEqualTo(kin.hashCode());
        PredicateIndex longer = PredicateIndex.of(List.of("w=x", kin + "\0", "\0\0"));
        for (String absent : List.of(kin, "", "\0", kin + "\0\0")) {
            assertThat(longer.id(absent)).as("%s", absent.length()).isEqualTo(PredicateIndex.ABSENT);
            assertThat(longer.id(absent.toCharArray(), absent.length())).isEqualTo(PredicateIndex.ABSENT);
        }
        PredicateIndex shorter = PredicateIndex.of(List.of("w=x", kin, ""));
        for (String absent : List.of(kin + "\0", "\0")) {
            assertThat(shorter.id(absent)).as("%s", absent.length()).isEqualTo(PredicateIndex.ABSENT);
            assertThat(shorter.id(absent.toCharArray(), absent.length())).isEqualTo(PredicateIndex.ABSENT);
        }
        assertThat(longer.id(kin + "\0")).isEqualTo(1);
        assertThat(shorter.id("")).isEqualTo(2);
    }

    /**
     * A predicate is found whatever its characters, compared by its UTF-8 bytes without a copy, as a String or as
     * characters in a buffer: random strings of
     * one-, two-, three- and four-byte characters, looked up with their near misses (a character more or less,
     * half a surrogate pair, a lone surrogate, which UTF-8 writes as '?'), answer as a map of the strings does.
     */
    @Test
    void aPredicateOfAnyCharactersIsFoundAndItsNearMissesAreNot() {
        String[] pieces = {"a", "Z", "=", "?", "é", "ß", "Ω", "ж", "\u07D0", "\u0800", "€", "日", "\uFFFD", "\uFFFF",
            "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF"};
        String[] lone = {"\uD83D", "\uDE00", "\uDC00\uD800"};
        Random random = new Random(14);
        Map<String, Integer> expected = new LinkedHashMap<>();
        List<String> predicates = new ArrayList<>();
        List<String> lookups = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder("w=");
            for (int length = random.nextInt(5); length >= 0; length--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String predicate = text.toString();
            lookups.add(predicate);
            lookups.add(predicate.substring(0, predicate.length() - 1));
            lookups.add(predicate + pieces[random.nextInt(pieces.length)]);
            lookups.add(predicate + lone[random.nextInt(lone.length)]);
            lookups.add(predicate.replace("?", lone[0]));
            if (i % 2 == 0 && expected.putIfAbsent(predicate, predicates.size()) == null) {
                predicates.add(predicate);
            }
        }
        PredicateIndex index = PredicateIndex.of(predicates);
        int found = 0;
        for (String lookup : lookups) {
            Integer id = expected.get(lookup);
            assertThat(index.id(lookup)).as(lookup).isEqualTo(id == null ? PredicateIndex.ABSENT : id);
            // the same characters in a buffer, longer than they are (as FeatureKey's), without the String
            char[] chars = (lookup + "\uDE00tail").toCharArray();
            assertThat(index.id(chars, lookup.length())).as(lookup).isEqualTo(id == null ? PredicateIndex.ABSENT : id);
            found += id == null ? 0 : 1;
        }
        assertThat(found).isBetween(10_000, lookups.size() - 50_000);
    }

    /**
     * A predicate of any length, up to 600 bytes and closely around 255 (where a layout keeping the length in a
     * byte would switch), in ASCII and with two-byte characters, is found, and a longer or shorter one sharing
     * its first bytes is not.
     */
    @Test
    void aPredicateOfAnyLengthIsFoundAndItsLongerOrShorterKinAreNot() {
        List<String> predicates = new ArrayList<>();
        for (int length = 0; length <= 600; length += length < 250 || length > 260 ? 7 : 1) {
            predicates.add("x".repeat(length));
            predicates.add("é".repeat(length / 2 + 1) + "y".repeat(length % 2));
        }
        PredicateIndex index = PredicateIndex.of(predicates);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int id = 0; id < predicates.size(); id++) {
            expected.put(predicates.get(id), id);
        }
        for (String predicate : predicates) {
            assertThat(index.id(predicate)).as("%d bytes", predicate.length()).isEqualTo(expected.get(predicate));
            for (String kin : List.of(predicate + "x", predicate + "é", predicate.isEmpty() ? "z" : predicate.substring(1))) {
                Integer id = expected.get(kin);
                assertThat(index.id(kin)).as("%d chars", kin.length()).isEqualTo(id == null ? PredicateIndex.ABSENT : id);
            }
        }
    }

    /**
     * The file form (the model cache's) is the predicates' UTF-8 bytes one after another and where each starts,
     * whatever the index keeps in memory: files written before read as before, and a file read back answers as the
     * index it was written from.
     */
    @Test
    void theFileFormIsThePredicatesBytesOneAfterAnother() throws IOException {
        List<String> predicates = List.of("w=café", "", "b=a_b", "\uD83D\uDE00", "x".repeat(300), "c=<ca");
        PredicateIndex index = PredicateIndex.of(predicates);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        index.write(new DataOutputStream(written));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        byte[][] bytes = predicates.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        out.writeInt(predicates.size());
        out.writeInt(Arrays.stream(bytes).mapToInt(b -> b.length).sum());
        for (byte[] each : bytes) {
            out.write(each);
        }
        int start = 0;
        out.writeInt(start);
        for (byte[] each : bytes) {
            start += each.length;
            out.writeInt(start);
        }
        assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());

        PredicateIndex read = PredicateIndex.read(ByteBuffer.wrap(written.toByteArray()));
        for (int id = 0; id < predicates.size(); id++) {
            assertThat(read.predicate(id)).isEqualTo(predicates.get(id));
            assertThat(read.id(predicates.get(id))).isEqualTo(id);
            assertThat(read.id(predicates.get(id) + "x")).isEqualTo(PredicateIndex.ABSENT);
        }
    }
}
