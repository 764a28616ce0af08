package org.signpost.dialogs.understanding;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A fake crisis detector for transcripts: these exact phrases (normalised) read as crisis of a category. */
public final class CrisisPhrases implements CrisisDetector {

    /** The category of a crisis about the person themselves, as in {@code nlp/crisis-scope.yaml}. */
    public static final String SUICIDE = "suicide";

    private final Map<String, String> categoryByPhrase;

    public CrisisPhrases(String... phrases) {
        this(Arrays.stream(phrases).collect(Collectors.toMap(phrase -> phrase, phrase -> SUICIDE)));
    }

    public CrisisPhrases(Map<String, String> categoryByPhrase) {
        this.categoryByPhrase = categoryByPhrase.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> TrainingPhrases.normalise(entry.getKey()), Map.Entry::getValue));
    }

    @Override
    public Optional<String> category(String text, Locale locale) {
        return text == null ? Optional.empty() : Optional.ofNullable(categoryByPhrase.get(TrainingPhrases.normalise(text)));
    }
}
