package org.signpost.bot;

import java.time.Clock;
import java.util.List;
import org.signpost.dialogs.chat.Cancel;
import org.signpost.dialogs.chat.ConversationActivity;
import org.signpost.dialogs.chat.Greeting;
import org.signpost.dialogs.chat.MenuRequest;
import org.signpost.dialogs.chat.SignpostBot;
import org.signpost.dialogs.chat.Thanks;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.privacy.PrivacyStatement;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;
import org.signpost.dialogs.support.SupportCard;
import org.signpost.dialogs.support.SupportDirectory;
import org.signpost.dialogs.hrsummary.ResultsSummary;
import org.signpost.dialogs.survey.SurveyConversation;
import org.signpost.dialogs.understanding.CrisisDetector;
import org.signpost.dialogs.understanding.IntentRecognizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The conversation logic (plain Java in the dialogs module), wired to its content and its Redis-backed ports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationSettings.class)
class DialogsConfiguration {

    @Bean
    ContentFolder contentFolder(ConversationSettings settings) {
        return settings.contentFolder() == null
                ? ContentFolder.shipped()
                : ContentFolder.withOverrides(settings.contentFolder().toAbsolutePath().normalize());
    }

    /** The wording, after every content file has been checked: a broken one stops start-up, named. */
    @Bean
    Messages messages(ContentFolder content) {
        Messages messages = new Messages(content);
        ContentCheck.surveys(content, messages);
        ContentCheck.trainingFiles(content);
        return messages;
    }

    @Bean
    SupportCard supportCard(ContentFolder content) {
        return new SupportCard(SupportDirectory.load(content));
    }

    @Bean
    SignpostBot signpostBot(ConversationSettings settings, ContentFolder content, Messages messages,
            SupportCard supportCard, ConversationActivity activity, ConversationReferences references,
            ProactiveMessages proactive, SurveyConversation survey, ResultsSummary results, IntentRecognizer intents,
            CrisisDetector crisis, Clock clock) {
        SignpostBot bot = new SignpostBot(new SignpostBot.Settings(settings.idleGap()), messages, supportCard,
                List.of(survey, results, new PrivacyStatement(), new Greeting(), new Thanks(), new MenuRequest(),
                        new Cancel(List.of(survey))), intents, crisis,
                activity, references, proactive, clock);
        ContentCheck.intentLabels(content, bot.capabilityIds());
        return bot;
    }
}
