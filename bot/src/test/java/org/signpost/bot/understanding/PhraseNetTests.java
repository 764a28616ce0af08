package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The phrase list's small language: context words, exclusions, typos, whose risk it is. */
class PhraseNetTests {

    static final Set<String> CATEGORIES = Set.of("suicide", "self-harm", "someone-else");

    static List<String> match(String rules, String text) {
        PhraseNet net = PhraseList.parse(List.of(("@someone-else: he she friend\n@self: i im\n@evidence: die\n" + rules)
                .split("\n")), CATEGORIES);
        return net.matches(CrisisText.tokens(text));
    }

    @Test
    void aPhraseMatchesWithGapsAlternativesAndPrefixes() {
        assertThat(match("suicide | want/wanna .. to die", "I really want so much to die")).containsExactly("suicide");
        assertThat(match("suicide | kill* myself", "thinking about killing myself")).containsExactly("suicide");
        assertThat(match("suicide | want to die", "I want to go home")).isEmpty();
    }

    @Test
    void ifAndUnlessWordsDecideInTheSameSentence() {
        String rule = "self-harm | sh | if: urges relapse | unless: training";
        assertThat(match(rule, "SH urges are bad")).containsExactly("self-harm");
        assertThat(match(rule, "sh, the baby is asleep")).isEmpty();
        assertThat(match(rule, "SH relapse training for staff")).isEmpty();
        assertThatThrownBy(() -> match("suicide | x | if: a unless: b", "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWordBeforeThePhraseCanExcludeIt() {
        String rule = "suicide | -dont/not want .. to die";
        assertThat(match(rule, "I want to die")).containsExactly("suicide");
        assertThat(match(rule, "I don't want to die")).isEmpty();
    }

    @Test
    void markedWordsTolerateOneTypoAndTheEndAnchorHolds() {
        assertThat(match("suicide | ~suicidal", "i feel suicdal")).containsExactly("suicide");
        assertThat(match("suicide | suicidal", "i feel suicdal")).isEmpty();
        assertThat(match("suicide | cant cope anymore $", "I can't cope anymore")).containsExactly("suicide");
        assertThat(match("suicide | cant cope anymore $", "I can't cope anymore with the wifi")).isEmpty();
        assertThat(PhraseWord.oneTypoAway("suicidal", "sucdial")).isFalse();
        assertThat(PhraseWord.oneTypoAway("suicidal", "wuicidal")).isFalse();
        assertThat(PhraseWord.oneTypoAway("suicidal", "suicdial")).isTrue();
    }

    @Test
    void aPersonalMatchAfterSomeoneElsesNameIsWorryAboutThem() {
        String rule = "suicide | wants/want to die";
        assertThat(match(rule, "my friend wants to die")).containsExactly("someone-else");
        assertThat(match(rule, "I want to die")).containsExactly("suicide");
        assertThat(match(rule, "she said I want to die")).containsExactly("suicide");
    }

    @Test
    void aTogetherRuleCountsOnlyWhenEnoughSentencesOfTheMessageMatchIt() {
        PhraseNet net = PhraseList.parse(List.of("@together 2: suicide | dead/worthless | if: i im my"), CATEGORIES);
        List<String[]> once = List.of(CrisisText.tokens("I feel worthless"), CrisisText.tokens("the meeting ran late"));
        List<String[]> twice = List.of(CrisisText.tokens("I feel worthless"), CrisisText.tokens("the meeting ran late"),
                CrisisText.tokens("my family would be better off if I were dead"));
        List<String[]> notAboutThemselves = List.of(CrisisText.tokens("the plant is dead"),
                CrisisText.tokens("this printer is worthless"));
        assertThat(net.matchesTogether(once)).isEmpty();
        assertThat(net.matchesTogether(twice)).containsExactly("suicide");
        assertThat(net.matchesTogether(notAboutThemselves)).isEmpty();
        assertThat(net.matches(CrisisText.tokens("I feel worthless"))).isEmpty();
        assertThatThrownBy(() -> PhraseList.parse(List.of("@together 1: suicide | dead"), CATEGORIES))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PhraseList.parse(List.of("@together two: suicide | dead"), CATEGORIES))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCategoryOutsideTheScopeIsRefused() {
        assertThatThrownBy(() -> match("despair | everything", "x")).isInstanceOf(IllegalStateException.class);
    }
}
