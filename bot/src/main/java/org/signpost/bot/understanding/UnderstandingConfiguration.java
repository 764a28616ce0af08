package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.List;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.ThemeExtractor;
import org.signpost.dialogs.understanding.CrisisDetector;
import org.signpost.dialogs.understanding.IntentRecognizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Understanding free text, locally with Apache OpenNLP: no external service ever sees a message. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UnderstandingSettings.class)
class UnderstandingConfiguration {

    static final String INTENTS = "nlp/intents-en-GB.txt";
    static final String CRISIS = "nlp/crisis-en-GB.txt";
    static final String THEMES = "nlp/themes-en-GB.txt";

    @Bean
    EnglishPipeline englishPipeline() {
        return EnglishPipeline.load();
    }

    @Bean
    IntentRecognizer intentRecognizer(EnglishPipeline pipeline, ContentFolder content, UnderstandingSettings settings) {
        return new OpenNlpIntents(Categorizer.train(pipeline, content, INTENTS), settings.intentThreshold());
    }

    @Bean
    CrisisDetector crisisDetector(EnglishPipeline pipeline, ContentFolder content, UnderstandingSettings settings) {
        return new OpenNlpCrisisDetector(crisisModel(pipeline, content), settings.crisisThreshold());
    }

    /**
     * Crisis against ordinary text, where every intent utterance ("help", "I need support") also counts
     * as ordinary: asking for the support card must bring the support card, not the urgent one.
     */
    static Categorizer crisisModel(EnglishPipeline pipeline, ContentFolder content) {
        List<Categorizer.Labelled> examples = new ArrayList<>(Categorizer.read(content, CRISIS));
        Categorizer.read(content, INTENTS).forEach(intent ->
                examples.add(new Categorizer.Labelled(OpenNlpCrisisDetector.ORDINARY, intent.text())));
        return Categorizer.train(pipeline, examples);
    }

    @Bean
    ThemeExtractor themeExtractor(EnglishPipeline pipeline, ContentFolder content, UnderstandingSettings settings) {
        return new OpenNlpThemes(pipeline, Categorizer.train(pipeline, content, THEMES), settings.themeThreshold());
    }
}
