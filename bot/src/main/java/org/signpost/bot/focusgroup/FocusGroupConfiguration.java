package org.signpost.bot.focusgroup;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.flow.FlowFiles;
import org.signpost.dialogs.flow.FlowRunStores;
import org.signpost.dialogs.flow.NothingLeftMemo;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Reminders;
import org.signpost.dialogs.focusgroup.RetentionExpiry;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SessionStatus;
import org.signpost.dialogs.focusgroup.SessionTemplates;
import org.signpost.dialogs.focusgroup.chat.FocusGroupFlow;
import org.signpost.dialogs.focusgroup.chat.FocusGroupHoldings;
import org.signpost.dialogs.focusgroup.chat.FocusGroupWithdrawal;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.ProactiveMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/** Focus groups: sessions and sign-ups in Redis, the timer (expiry, reminders, rewrites), seeded sessions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FocusGroupSettings.class)
class FocusGroupConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FocusGroupConfiguration.class);

    @Bean
    DiskRewrites focusGroupRewrites(UnifiedJedis redis) {
        return new DiskRewrites(() -> redis.sendCommand(Protocol.Command.BGREWRITEAOF));
    }

    @Bean
    RedisFocusGroupStore focusGroupStore(UnifiedJedis redis, RedisSettings settings, AppKeys keys,
            DiskRewrites rewrites, Clock clock) {
        RedisFocusGroupStore store = new RedisFocusGroupStore(redis, settings.keyPrefix(), keys.pseudonyms("signup"),
                keys.seal("signup"), rewrites, clock, settings.reuseOpenReads());
        store.indexOpenSessions();
        return store;
    }

    @Bean
    MeteredSignUps focusGroupSignUpEvents(MeterRegistry registry) {
        return new MeteredSignUps(registry);
    }

    /** The employee's side in chat: the sign-up flow, withdrawal, and what is held about them. */
    @Bean
    FocusGroupFlow focusGroupFlow(FocusGroups groups, ContentFolder content, Messages messages, MeteredSignUps events,
            SupportSignpost support, FocusGroupSettings settings, Clock clock) {
        FocusGroupFlow flow = new FocusGroupFlow(groups.store(), new FlowFiles(content).load(FocusGroupFlow.ID), events,
                new TeamsContacts(settings.contactLookupTimeout()), support, settings.invitationsUrl(),
                settings.signUpTtl(), clock);
        messages.require(FlowEngine.wordingKeys(flow.definition(FocusGroupFlow.OPEN)), "the focus-group flow");
        messages.require(FocusGroupFlow.wordingKeys(), "the focus-group flow");
        messages.require(FocusGroupWithdrawal.wordingKeys(), "focus-group withdrawal");
        messages.require(FocusGroupHoldings.wordingKeys(), "focus-group holdings");
        return flow;
    }

    @Bean
    FocusGroupWithdrawal focusGroupWithdrawal(FocusGroups groups, MeteredSignUps events, Together together,
            NothingLeftMemo memo) {
        return new FocusGroupWithdrawal(groups, events, together, memo);
    }

    @Bean
    FocusGroupHoldings focusGroupHoldings(FocusGroups groups, FlowRunStores runs, FocusGroupSettings settings,
            Together together) {
        // the sign-up flow's own runs, as the engine keeps them: an unfinished sign-up in this chat
        return new FocusGroupHoldings(groups.store(), runs.of(FocusGroupFlow.ID, settings.signUpTtl()), together);
    }

    @Bean
    SessionTemplates sessionTemplates(ContentFolder content) {
        return new SessionTemplates(content);
    }

    @Bean
    FocusGroups focusGroups(RedisFocusGroupStore store, ConversationReferences references,
            ProactiveMessages proactive, Messages messages, FocusGroupSettings settings, SessionTemplates templates,
            Environment environment, Clock clock) {
        FocusGroups groups = new FocusGroups(store, new ProactiveNotices(references, proactive, messages));
        seed(groups, settings, templates, environment.getProperty("MicrosoftAppId", "").isBlank(), clock);
        return groups;
    }

    @Bean
    FocusGroupTimer focusGroupTimer(FocusGroups groups, RedisFocusGroupStore store, DiskRewrites rewrites,
            ConversationReferences references, ProactiveMessages proactive, Messages messages, Clock clock) {
        return new FocusGroupTimer(new RetentionExpiry(store, clock),
                new Reminders(store, new ProactiveNotices(references, proactive, messages), clock), rewrites);
    }

    /** The thin timer over {@link FocusGroupTimer}. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService focusGroupTimerThread(FocusGroupTimer timer, FocusGroupSettings settings) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread named = new Thread(task, "focus-group-timer");
            named.setDaemon(true);
            return named;
        });
        long tick = settings.tick().toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                timer.tick();
            } catch (RuntimeException e) {
                log.warn("The focus-group timer failed ({})", e.getClass().getSimpleName());
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
        return thread;
    }

    private static void seed(FocusGroups groups, FocusGroupSettings settings, SessionTemplates templates,
            boolean trial, Clock clock) {
        for (FocusGroupSettings.ConfiguredSession configured : settings.sessions()) {
            if (groups.store().session(configured.id()).isPresent()) {
                continue;
            }
            Session session = new Session(configured.id(), configured.title(), Optional.ofNullable(configured.audience()),
                    configured.start().atZone(Session.LONDON), configured.length(), configured.place(),
                    configured.capacity(), configured.facilitators(), configured.firstAider(),
                    configured.guide().isEmpty() ? templates.defaultGuide() : configured.guide(),
                    configured.retention(), SessionStatus.DRAFT, Optional.empty());
            groups.save(configured.open() ? session.publish() : session);
        }
        boolean anyTakesSignUps = groups.store().sessions().stream().anyMatch(s -> s.takesSignUps(clock.instant()));
        if (trial && settings.sessions().isEmpty() && !anyTakesSignUps) {
            groups.save(templates.sample(clock));
            log.info("Local trial: a sample focus-group session a week ahead, to sign up for at once");
        }
    }
}
