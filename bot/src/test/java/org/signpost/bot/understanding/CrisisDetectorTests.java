package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentFolder;

/** The crisis check's rules, on the shipped data: every sentence counts, short texts need evidence, locales. */
class CrisisDetectorTests {

    static EnglishPipeline pipeline;
    static OpenNlpCrisisDetector crisis;

    @BeforeAll
    static void load() {
        pipeline = EnglishPipeline.load();
        crisis = UnderstandingConfiguration.crisisDetector(pipeline, ContentFolder.shipped(), ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
    }

    @Test
    void shortEverydayRepliesNeverBringTheCard() {
        for (String reply : List.of("no", "nope", "yes", "ok", "not sure", "maybe later", "no thanks",
                "something like that", "I hope she's doing okay!", "not really", "fair enough", "I guess so")) {
            assertThat(crisis.category(reply, Locale.UK)).as(reply).isEmpty();
        }
    }

    @Test
    void aSentenceWithoutAnyRiskWordNeedsTheModelsToBeSure() {
        // first-person workplace chat the models lean towards (between the threshold and WITHOUT_EVIDENCE)
        for (String text : List.of("I've been stuck on the phones all morning", "I've got nothing left in the tank today",
                "I'm shattered, going to bed early tonight")) {
            assertThat(crisis.category(text, Locale.UK)).as(text).isEmpty();
        }
        assertThat(crisis.category("everyone would be happier if I just disappeared", Locale.UK)).contains("suicide");
    }

    @Test
    void oneRiskSentenceInALongMessageIsEnough() {
        String ordinary = "The new rota starts on Monday and I've swapped two shifts with Jo. The car park is still "
                + "closed so I'm getting the bus, which takes forever. ";
        String message = ordinary.repeat(3) + "Some nights I just want to die. " + ordinary.repeat(3);
        assertThat(message.length()).isGreaterThan(600);
        assertThat(crisis.category(message, Locale.UK)).contains("suicide");
        assertThat(crisis.category(ordinary.repeat(6), Locale.UK)).isEmpty();
    }

    @Test
    void aRiskSentenceBeyondTheFullyReadPartIsFoundWhenSampled() {
        String filler = "We went over the quarterly figures again and agreed the next steps for the team. ";
        StringBuilder message = new StringBuilder();
        while (message.length() < CrisisText.FULL_CHARACTERS) {
            message.append(filler);
        }
        // the first sentence past the fully read part is always among the sampled ones
        message.append("I've been cutting again and the urges are awful. ").append(filler.repeat(10));
        assertThat(crisis.category(message.toString(), Locale.UK)).contains("self-harm");
        String beyondEverything = filler.repeat(CrisisText.MAX_CHARACTERS / filler.length() + 1) + "I want to die.";
        assertThat(CrisisText.sentences(beyondEverything, pipeline)).hasSizeLessThanOrEqualTo(CrisisText.MAX_SENTENCES);
    }

    @Test
    void wordsOfDeathAboutOneselfInSeveralSentencesOfAMessageBringTheCard() {
        String ordinary = "The new rota starts on Monday. The car park is closed. ";
        String pointless = "Some days my whole existence feels pointless. ";
        String death = "I think about death more than I used to. ";
        assertThat(crisis.category(ordinary + pointless + ordinary, Locale.UK)).isEmpty();
        assertThat(crisis.category(ordinary + death + ordinary, Locale.UK)).isEmpty();
        assertThat(crisis.category(ordinary + pointless + ordinary + death, Locale.UK)).contains("suicide");
        assertThat(crisis.category(ordinary + "My phone is dead. I'm dead tired after that shift.", Locale.UK)).isEmpty();
    }

    @Test
    void selfHarmAndEatingDisorderShorthandBringsItsCard() {
        assertThat(crisis.category("three months clean and I relapsed, started cutting again last week", Locale.UK))
                .contains("self-harm");
        assertThat(crisis.category("only ate 300 calories today and I'm still scared of my fear foods", Locale.UK))
                .contains("eating-disorder");
        assertThat(crisis.category("I cut my arm on a sharp metal edge in the warehouse", Locale.UK)).isEmpty();
    }

    @Test
    void worryAboutSomeoneElseIsToldApartFromTheirOwnCrisis() {
        assertThat(crisis.category("I'm worried about my colleague, he said he wants to kill himself", Locale.UK))
                .contains(OpenNlpCrisisDetector.SOMEONE_ELSE);
        assertThat(crisis.category("my friend keeps saying she wants to die", Locale.UK))
                .contains(OpenNlpCrisisDetector.SOMEONE_ELSE);
        assertThat(crisis.category("I want to die", Locale.UK)).contains("suicide");
    }

    @Test
    void ordinaryWellbeingTalkHyperboleAndInjuriesAreNotCrises() {
        for (String text : List.of("who is my mental health first aider", "this deadline is killing me",
                "I cut my finger on the guillotine", "I'm doing the suicide prevention training today",
                "my laptop died again", "I've been feeling a bit low since the clocks changed")) {
            assertThat(crisis.category(text, Locale.UK)).as(text).isEmpty();
        }
    }

    @Test
    void everyLocaleFallsBackToTheEnglishListAndANewLocaleIsAFile(@TempDir Path folder) throws IOException {
        assertThat(crisis.category("I want to die", Locale.forLanguageTag("gd-GB"))).contains("suicide");
        Path phrases = folder.resolve("nlp/crisis-phrases-cy-GB.txt");
        Files.createDirectories(phrases.getParent());
        Files.writeString(phrases, "suicide | zq7 risg\n");
        OpenNlpCrisisDetector withWelsh = UnderstandingConfiguration.crisisDetector(pipeline,
                ContentFolder.withOverrides(folder), ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
        assertThat(withWelsh.category("zq7 risg", Locale.forLanguageTag("cy-GB"))).contains("suicide");
        assertThat(withWelsh.category("zq7 risg", Locale.UK)).isEmpty();
    }
}
