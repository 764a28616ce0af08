package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An emoji alone had no feature at all, so "👍" or "😢" read as the priors ("none"). */
class TextFeaturesTests {

    private static final TextFeatures FEATURES = new TextFeatures();

    @Test
    void anEmojiHasAFeatureOfItsOwnWithoutSkinToneOrPresentationAndATypedFaceThatOfItsEmoji() {
        assertThat(features("\uD83D\uDC4D")).containsExactly("e=\uD83D\uDC4D");
        assertThat(features("\uD83D\uDC4D\uD83C\uDFFD")).containsExactly("e=\uD83D\uDC4D");
        assertThat(features("\u2764\uFE0F")).containsExactly("e=\u2764");
        assertThat(features("\uD83D\uDE22\uD83D\uDE22")).containsExactly("e=\uD83D\uDE22", "e=\uD83D\uDE22");
        assertThat(features(":(")).containsExactly("e=\uD83D\uDE41");
        assertThat(features(":-)")).containsExactly("e=\uD83D\uDE42");
        // punctuation is still nothing, and a word keeps its own features only
        assertThat(features("!!!", "?", "\uD83D")).isEmpty();
        assertThat(features("ok")).allMatch(feature -> !feature.startsWith(TextFeatures.EMOJI));
    }

    private static Collection<String> features(String... tokens) {
        return FEATURES.extractFeatures(tokens, Map.of(TextFeatures.LEMMAS, tokens));
    }
}
