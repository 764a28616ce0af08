package org.signpost.dialogs.understanding;

import java.util.Set;

/** A fake crisis detector for transcripts: these exact phrases (normalised) read as crisis. */
public final class CrisisPhrases implements CrisisDetector {

    private final Set<String> phrases;

    public CrisisPhrases(String... phrases) {
        this.phrases = Set.of(phrases).stream().map(TrainingPhrases::normalise)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean isCrisis(String text) {
        return text != null && phrases.contains(TrainingPhrases.normalise(text));
    }
}
