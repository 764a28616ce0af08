package org.signpost.bot.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    /** Ordinary sentences of real public web text (CC BY-SA 4.0), so the crisis model knows how people write. */
    static final String PUBLIC_ORDINARY = "nlp/crisis-ordinary-ewt-en.txt";

    @Bean
    EnglishPipeline englishPipeline() {
        return EnglishPipeline.load();
    }

    @Bean
    ModelCache modelCache(UnderstandingSettings settings) {
        return new ModelCache(Optional.ofNullable(settings.modelCache()));
    }

    @Bean
    IntentRecognizer intentRecognizer(EnglishPipeline pipeline, ContentFolder content, ModelCache cache,
            UnderstandingSettings settings) {
        return new OpenNlpIntents(Categorizer.cached(pipeline, cache, "intents", Categorizer.read(content, INTENTS)),
                settings.intentThreshold());
    }

    @Bean
    CrisisDetector crisisDetector(EnglishPipeline pipeline, ContentFolder content, ModelCache cache,
            UnderstandingSettings settings) {
        return crisisDetector(pipeline, content, cache, settings.crisisThreshold());
    }

    static OpenNlpCrisisDetector crisisDetector(EnglishPipeline pipeline, ContentFolder content, ModelCache cache,
            double threshold) {
        CrisisScope scope = CrisisScope.load(content);
        List<Categorizer.Labelled> examples = crisisExamples(content, scope);
        CrisisModel model = CrisisModel.cached(cache, examples);
        return new OpenNlpCrisisDetector(pipeline, scope, model,
                locale -> PhraseList.load(content, locale, scope.ids()), threshold);
    }

    /**
     * The crisis categories against ordinary text, where every intent utterance ("help", "I need support")
     * and every survey answer of the themes data also counts as ordinary: asking for the support card must
     * bring the support card, not the urgent one.
     */
    static List<Categorizer.Labelled> crisisExamples(ContentFolder content, CrisisScope scope) {
        List<Categorizer.Labelled> examples = new ArrayList<>();
        for (Categorizer.Labelled example : Categorizer.read(content, CRISIS)) {
            if (!example.label().equals(OpenNlpCrisisDetector.ORDINARY) && !scope.ids().contains(example.label())) {
                throw new IllegalStateException(CRISIS + ": the label " + example.label() + " is not in "
                        + CrisisScope.FILE);
            }
            examples.add(example);
        }
        for (String file : List.of(INTENTS, THEMES, PUBLIC_ORDINARY)) {
            Categorizer.read(content, file).forEach(line ->
                    examples.add(new Categorizer.Labelled(OpenNlpCrisisDetector.ORDINARY, line.text())));
        }
        return examples;
    }

    @Bean
    ThemeExtractor themeExtractor(EnglishPipeline pipeline, ContentFolder content, ModelCache cache,
            UnderstandingSettings settings) {
        return new OpenNlpThemes(pipeline, Categorizer.cached(pipeline, cache, "themes", Categorizer.read(content, THEMES)),
                settings.themeThreshold());
    }
}
