package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;

/**
 * Privacy: once the crisis check, intent routing and theme extraction have answered, nothing of the text a person
 * typed stays reachable from the understanding code (no memo of the last text, no kept words): the text and its
 * words are collected like any other garbage.
 */
class TypedTextForgottenTests {

    @Test
    void noTextNorItsWordsStayReachableAfterTheAnswers() throws InterruptedException {
        EnglishPipeline pipeline = EnglishPipeline.load();
        ContentFolder content = ContentFolder.shipped();
        OpenNlpIntents intents = new OpenNlpIntents(Categorizer.cached(pipeline, ModelCache.none(), "intents",
                Categorizer.read(content, UnderstandingConfiguration.INTENTS)), 0.5);
        OpenNlpCrisisDetector crisis = UnderstandingConfiguration.crisisDetector(pipeline, content, ModelCache.none(),
                Double.parseDouble(UnderstandingSettings.CRISIS_THRESHOLD));
        OpenNlpThemes themes = new OpenNlpThemes(pipeline, Categorizer.cached(pipeline, ModelCache.none(), "themes",
                Categorizer.read(content, UnderstandingConfiguration.THEMES)), 0.5);
        List<WeakReference<Object>> typed = new ArrayList<>();
        for (String phrase : List.of("can you show me the menu please", "I'm worried about my friend Sam, he isn't okay",
                "where do I find the EAP number?")) {
            // a text made at run time, as a message's is (a literal would stay reachable from the class)
            String text = new StringBuilder(phrase).toString();
            EnglishPipeline.Words words = pipeline.words(text);
            crisis.category(text, Locale.UK);
            intents.recognize(text, Locale.UK);
            themes.themes(text);
            typed.add(new WeakReference<>(text));
            typed.add(new WeakReference<>(words));
            typed.add(new WeakReference<>(words.tokens()[0]));
        }
        for (int attempt = 0; attempt < 20 && typed.stream().anyMatch(reference -> reference.get() != null); attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(typed).allSatisfy(reference -> assertThat(reference.get()).isNull());
    }
}
