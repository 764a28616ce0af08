package org.signpost.bot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.signpost.bot.broadcast.AnnouncementCapabilities;
import org.signpost.dialogs.announcement.AnnouncementFlow;
import org.signpost.dialogs.announcement.AnnouncementHoldings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.conversation.ConversationActivity;
import org.signpost.dialogs.conversation.SignpostBot;
import org.signpost.dialogs.flow.ActiveFlows;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.flow.FlowRunStores;
import org.signpost.dialogs.flow.NothingLeftMemo;
import org.signpost.dialogs.focusgroup.chat.FocusGroupFlow;
import org.signpost.dialogs.focusgroup.chat.FocusGroupHoldings;
import org.signpost.dialogs.focusgroup.chat.FocusGroupWithdrawal;
import org.signpost.dialogs.hrsummary.ResultsSummary;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Roles;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.privacy.PrivacyStatement;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;
import org.signpost.dialogs.smalltalk.Acknowledgement;
import org.signpost.dialogs.smalltalk.Goodbye;
import org.signpost.dialogs.smalltalk.Greeting;
import org.signpost.dialogs.smalltalk.MenuRequest;
import org.signpost.dialogs.smalltalk.NotHelpful;
import org.signpost.dialogs.smalltalk.Thanks;
import org.signpost.dialogs.support.SupportCapability;
import org.signpost.dialogs.support.SupportCard;
import org.signpost.dialogs.support.SupportDirectory;
import org.signpost.dialogs.survey.SurveyFlow;
import org.signpost.dialogs.survey.SurveyHoldings;
import org.signpost.dialogs.survey.TypedSurveyAnswer;
import org.signpost.dialogs.understanding.CrisisDetector;
import org.signpost.dialogs.understanding.IntentRecognizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The conversation logic (plain Java in the dialogs module), wired to its content and its Redis-backed ports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConversationSettings.class, RolesSettings.class})
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
    SupportCard supportCard(ContentFolder content, Messages messages) {
        SupportCard card = new SupportCard(SupportDirectory.load(content));
        messages.require(card.wordingKeys(), "the support directory (" + card.source() + ")");
        return card;
    }

    /** The support card on request, first in every conversation, and with a focus-group sign-up's receipt. */
    @Bean
    SupportCapability supportCapability(SupportCard supportCard) {
        return new SupportCapability(supportCard);
    }

    /** Roles from {@code signpost.roles.*}; the earlier {@code signpost.results.hr-object-ids} still counts as HR. */
    @Bean
    Roles roles(RolesSettings settings, Environment environment) {
        List<String> legacyHr = Binder.get(environment).bind("signpost.results.hr-object-ids",
                Bindable.listOf(String.class)).orElse(List.of());
        return settings.roles(legacyHr);
    }

    @Bean
    FlowEngine flowEngine(SurveyFlow survey, AnnouncementFlow announcement, FocusGroupFlow focusGroups,
            ActiveFlows active, FlowRunStores runs, Together together, NothingLeftMemo memo) {
        return new FlowEngine(List.of(survey, focusGroups, announcement), active, runs, together, memo);
    }

    @Bean
    SignpostBot signpostBot(ConversationSettings settings, ContentFolder content, Messages messages,
            SupportCapability support, ConversationActivity activity, ConversationReferences references,
            ProactiveMessages proactive, FlowEngine flows, ResultsSummary results, IntentRecognizer intents,
            CrisisDetector crisis, Senders senders, Roles roles, AnnouncementCapabilities announcements,
            FocusGroupWithdrawal focusGroupWithdrawal, FocusGroupHoldings focusGroupHoldings, SurveyHoldings surveyHoldings,
            AnnouncementHoldings announcementHoldings, Together together, Clock clock) {
        List<Capability> capabilities = new ArrayList<>(List.of(support));
        capabilities.addAll(flows.capabilities());
        capabilities.addAll(List.of(new TypedSurveyAnswer(flows), results, new PrivacyStatement(List.of(surveyHoldings, focusGroupHoldings,
                announcementHoldings), together), new Greeting(), new Thanks(), new Goodbye(),
                new Acknowledgement(flows), new NotHelpful(flows), new MenuRequest(), focusGroupWithdrawal));
        capabilities.addAll(announcements.all());
        SignpostBot bot = new SignpostBot(new SignpostBot.Settings(settings.idleGap()), messages, support,
                capabilities, flows, senders, roles,
                new SignpostBot.Ports(intents, crisis, activity, references, proactive, clock));
        ContentCheck.intentLabels(content, bot.capabilityIds());
        return bot;
    }
}
