package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Privacy: once the crisis check, intent routing and theme extraction have answered, nothing of the text a person
 * typed stays reachable from the understanding code (no memo of the last text, no kept words, no copy of them
 * lowercased or cut into features): the text and its words are collected like any other garbage.
 *
 * <p>Each text carries a word made at random for this run, found in no model. A heap dump of live objects only
 * (the JVM makes a full collection first, whether or not {@code System.gc()} is honoured) must hold it nowhere,
 * in any case, as Latin-1 or UTF-16 characters; the same dump must hold a marked text the test keeps, so the
 * search is shown to find what is there.
 */
class TypedTextForgottenTests {

    private static final List<String> PHRASES = List.of("can you show me the menu please %s",
            "I'm worried about my friend %s, he isn't okay", "where do I find the EAP number %s?");

    @Test
    void noTextNorItsWordsStayReachableAfterTheAnswers(@TempDir Path folder) throws IOException {
        EnglishPipeline pipeline = EnglishPipeline.load();
        ContentFolder content = ContentFolder.shipped();
        OpenNlpIntents intents = new OpenNlpIntents(Categorizer.cached(pipeline, ModelCache.none(), "intents",
                Categorizer.read(content, UnderstandingConfiguration.INTENTS)), 0.5);
        OpenNlpCrisisDetector crisis = UnderstandingConfiguration.crisisDetector(pipeline, content, ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
        OpenNlpThemes themes = new OpenNlpThemes(pipeline, Categorizer.cached(pipeline, ModelCache.none(), "themes",
                Categorizer.read(content, UnderstandingConfiguration.THEMES)), 0.5);
        SecureRandom random = new SecureRandom();
        long typedSeed = random.nextLong() >>> 1;
        long keptSeed = random.nextLong() >>> 1;
        StringBuilder kept = new StringBuilder(marker(keptSeed));

        List<WeakReference<Object>> typed = answer(pipeline, crisis, intents, themes, typedSeed);
        Path dump = folder.resolve("live.hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);

        assertThat(typed).as("the texts and their words, after the dump's full collection")
                .allSatisfy(reference -> assertThat(reference.refersTo(null)).isTrue());
        assertThat(holds(dump, marker(keptSeed))).as("the search finds a marked text still held").isTrue();
        assertThat(holds(dump, marker(typedSeed))).as("a live object holding the typed texts' random word").isFalse();
        assertThat(kept).isNotEmpty();
    }

    /**
     * Each text answered as a turn does, in a frame of its own that has returned before the dump: what the test
     * keeps of them is weak references, and the seed of their random word.
     */
    private static List<WeakReference<Object>> answer(EnglishPipeline pipeline, OpenNlpCrisisDetector crisis,
            OpenNlpIntents intents, OpenNlpThemes themes, long seed) {
        List<WeakReference<Object>> typed = new ArrayList<>();
        for (String phrase : PHRASES) {
            // a text made at run time, as a message's is (a literal would stay reachable from the class)
            String text = String.format(Locale.ROOT, phrase, marker(seed));
            EnglishPipeline.Words words = pipeline.words(text);
            crisis.category(text, Locale.UK);
            intents.recognize(text, Locale.UK);
            themes.themes(text);
            typed.add(new WeakReference<>(text));
            typed.add(new WeakReference<>(words));
            typed.add(new WeakReference<>(words.tokens()[0]));
        }
        return typed;
    }

    /** A word in no model, lowercase letters only (so the tokenizer keeps it whole), from the seed. */
    private static String marker(long seed) {
        StringBuilder word = new StringBuilder("zq");
        for (long rest = seed; rest > 0; rest /= 26) {
            word.append((char) ('a' + rest % 26));
        }
        return word.toString();
    }

    /** Whether the dump holds the word, lowercase or uppercase, as Latin-1 or UTF-16 (little-endian) characters. */
    private static boolean holds(Path dump, String word) throws IOException {
        List<byte[]> patterns = new ArrayList<>();
        for (String form : List.of(word, word.toUpperCase(Locale.ROOT))) {
            patterns.add(form.getBytes(StandardCharsets.ISO_8859_1));
            patterns.add(form.getBytes(StandardCharsets.UTF_16LE));
        }
        int overlap = patterns.stream().mapToInt(pattern -> pattern.length).max().orElseThrow() - 1;
        byte[] buffer = new byte[1 << 22];
        int carried = 0;
        try (InputStream in = Files.newInputStream(dump)) {
            for (int read; (read = in.readNBytes(buffer, carried, buffer.length - carried)) > 0; ) {
                int filled = carried + read;
                for (byte[] pattern : patterns) {
                    if (indexOf(buffer, filled, pattern) >= 0) {
                        return true;
                    }
                }
                carried = Math.min(overlap, filled);
                System.arraycopy(buffer, filled - carried, buffer, 0, carried);
            }
        }
        return false;
    }

    private static int indexOf(byte[] buffer, int length, byte[] pattern) {
        for (int i = 0; i + pattern.length <= length; i++) {
            if (buffer[i] == pattern[0] && Arrays.equals(buffer, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
