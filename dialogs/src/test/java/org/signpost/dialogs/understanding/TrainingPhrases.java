package org.signpost.dialogs.understanding;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;

/**
 * A fake recogniser for transcripts: it recognises an utterance of the intent training data
 * ({@code nlp/intents-<language tag>.txt}) exactly as written there, after normalising case, punctuation
 * and spacing. The OpenNLP recogniser is measured against separate evaluation data in the bot module.
 */
public final class TrainingPhrases implements IntentRecognizer {

    private static final Pattern APOSTROPHES = Pattern.compile("['’‘]");
    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final ContentFolder content;
    private final Map<Locale, Map<String, String>> intentByUtterance = new ConcurrentHashMap<>();

    public TrainingPhrases(ContentFolder content) {
        this.content = content;
        if (utterances(Messages.DEFAULT_LOCALE).isEmpty()) {
            throw new IllegalStateException("No intent training data for " + Messages.DEFAULT_LOCALE);
        }
    }

    @Override
    public Optional<Intent> recognize(String text, Locale locale) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(utterances(locale).get(normalise(text))).map(id -> new Intent(id, 1.0));
    }

    /** Lower case, apostrophes dropped, everything but letters and digits folded to single spaces. */
    public static String normalise(String text) {
        String lower = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return NOT_WORDS.matcher(lower).replaceAll(" ").trim();
    }

    private Map<String, String> utterances(Locale locale) {
        return intentByUtterance.computeIfAbsent(locale, this::load);
    }

    private Map<String, String> load(Locale locale) {
        Optional<byte[]> file = content.read("nlp/intents-" + locale.toLanguageTag() + ".txt");
        if (file.isEmpty() && !locale.equals(Messages.DEFAULT_LOCALE)) {
            return load(Messages.DEFAULT_LOCALE);
        }
        Map<String, String> byUtterance = new HashMap<>();
        for (String line : new String(file.orElse(new byte[0]), StandardCharsets.UTF_8).split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            if (space < 1) {
                throw new IllegalStateException("Intent training line without an utterance: " + trimmed);
            }
            String utterance = normalise(trimmed.substring(space + 1));
            // an utterance of no letters or digits (an emoji alone) has no words to compare: the real model's to read
            if (!utterance.isEmpty()) {
                byUtterance.put(utterance, trimmed.substring(0, space));
            }
        }
        return Map.copyOf(byUtterance);
    }
}
