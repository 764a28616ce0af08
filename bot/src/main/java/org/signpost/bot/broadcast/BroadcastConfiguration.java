package org.signpost.bot.broadcast;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.messaging.OneShotMessages;
import org.signpost.bot.messaging.TeamConversations;
import org.signpost.bot.redis.RedisAnnouncementReach;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.bot.redis.RedisTeamRosters;
import org.signpost.dialogs.announcement.AnnouncementContent;
import org.signpost.dialogs.announcement.AnnouncementFlow;
import org.signpost.dialogs.announcement.AnnouncementHoldings;
import org.signpost.dialogs.announcement.AnnouncementsSwitch;
import org.signpost.dialogs.announcement.Campaign;
import org.signpost.dialogs.announcement.ConversationStarter;
import org.signpost.dialogs.announcement.Learning;
import org.signpost.dialogs.announcement.LearningDirectory;
import org.signpost.dialogs.announcement.OptOuts;
import org.signpost.dialogs.announcement.Pledge;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Dispatcher;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.flow.Flow;
import org.signpost.dialogs.kernel.AdaptiveCardRenderer;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Announcements: the durable queue in Redis, this instance's dispatcher on a thread of its own, the courier
 * that posts each message once through the adapter, the ambassador's flow and the staff's commands.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BroadcastSettings.class)
class BroadcastConfiguration {

    /** Every wording key the staff's commands say. */
    static final List<String> COMMAND_WORDING = List.of("announcement.pledge.counted", "announcement.pledge.already",
            "announcement.pledge.unknownSender", "announcement.starter.title", "announcement.starter.another",
            "announcement.stopped", "announcement.started");
    /** And the ambassadors' page. */
    static final List<String> PAGE_WORDING = List.of("campaign.pages.service", "campaign.pages.intro",
            "campaign.pages.template", "campaign.pages.state", "campaign.pages.sent", "campaign.pages.delivered",
            "campaign.pages.failed", "campaign.pages.unknown", "campaign.pages.pending", "campaign.pages.optedOut",
            "campaign.pages.cancelledCount", "campaign.pages.actions", "campaign.pages.cancel");

    /** Records saved before announcements had a retention get theirs at start-up (and expired ones go). */
    @Bean
    RedisDeliveryQueue deliveryQueue(UnifiedJedis redis, RedisSettings settings, BroadcastSettings broadcast,
            Clock clock) {
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis, settings.keyPrefix(), broadcast.retention(), clock);
        queue.keepForRetention();
        return queue;
    }

    @Bean
    RedisPledges pledges(UnifiedJedis redis, RedisSettings settings, AppKeys keys) {
        return new RedisPledges(redis, settings.keyPrefix(), keys.pseudonyms("pledge"));
    }

    /**
     * A button that starts a flow (the survey, focus groups) is on a card only while that flow is open;
     * the flows are looked up when a card is made (they are not all built yet when this is).
     */
    @Bean
    AnnouncementContent announcementContent(ContentFolder content, Messages messages, ObjectProvider<Flow> flows) {
        AnnouncementContent announcements = AnnouncementContent.load(content);
        messages.require(announcements.wordingKeys(), "announcements/templates.yaml");
        return announcements.offering(action -> flows.orderedStream().filter(flow -> flow.id().equals(action))
                .findFirst().map(flow -> !flow.openInstances().isEmpty()).orElse(true));
    }

    /** One owner name per instance: its claims and leases, and its rate permits, are all under it. */
    @Bean(destroyMethod = "close")
    BroadcastDelivery broadcastDelivery(RedisDeliveryQueue queue, RedisConversationReferences references,
            RedisAnnouncementReach reach, RedisTeamRosters teamRosters, AnnouncementContent content,
            Messages messages, OneShotMessages oneShot, TeamConversations teams, BroadcastSettings settings,
            MeterRegistry registry, Clock clock, UnifiedJedis redis, RedisSettings redisSettings, AppKeys keys) {
        // random hex, not a UUID: the privacy audit treats anything shaped like an Entra object id as a person's
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String owner = "instance-" + HexFormat.of().formatHex(random);
        DeliverySettings delivery = settings.delivery();
        ConnectorCourier courier = new ConnectorCourier(reach, broadcast -> render(broadcast, content, messages),
                oneShot::send, settings.batch(), claimed -> queue.permit(claimed, owner, clock.instant(), delivery));
        BroadcastSends sends = new BroadcastSends(courier, registry);
        long spacing = Math.max(5, delivery.window().toMillis() / delivery.ratePerSecond());
        RosterReach rosters = new RosterReach(references, teamRosters, teams,
                new RedisCallSlots(redis, redisSettings.keyPrefix()),
                new RedisRosterPasses(redis, redisSettings.keyPrefix(), keys.seal("roster")), delivery,
                settings.rosterPage(), clock, () -> Thread.sleep(spacing), owner);
        Dispatcher dispatcher = new Dispatcher(queue, rosters.around(sends.counting(reach)), sends,
                new BroadcastRetries(settings.retryPolicy(), RandomGenerator.getDefault()), reach, delivery, clock, owner);
        DeliveryScheduler scheduler = new DeliveryScheduler(dispatcher, clock);
        DeliveryScheduler rosterPasses = new DeliveryScheduler("Team roster passes", rosters::tick, clock,
                DeliveryScheduler.FIRST_RETRY, DeliveryScheduler.LONGEST_RETRY);
        return new BroadcastDelivery(owner, scheduler, rosters, rosterPasses, courier, settings.enabled());
    }

    @Bean
    AnnouncementFlow announcementFlow(ContentFolder folder, AnnouncementContent content, RedisDeliveryQueue queue,
            RedisAnnouncementReach reach, BroadcastDelivery delivery, Clock clock) {
        return new AnnouncementFlow(folder, content, queue, reach::channelNames, clock, delivery::nudge);
    }

    @Bean
    AnnouncementCapabilities announcementCapabilities(ContentFolder folder, Messages messages, RedisPledges pledges,
            RedisDeliveryQueue queue, AnnouncementContent content, OptOuts optOuts, Clock clock) {
        Pledge pledge = new Pledge(pledges, clock);
        Learning learning = new Learning(LearningDirectory.load(folder));
        messages.require(learning.wordingKeys(), "learning/directory.yaml");
        messages.require(Campaign.wordingKeys(), "the ambassador's overview");
        messages.require(COMMAND_WORDING, "the staff's announcement commands");
        messages.require(PAGE_WORDING, "the ambassadors' page");
        return new AnnouncementCapabilities(List.of(new Campaign(queue, pledge, clock), pledge,
                new ConversationStarter(content, RandomGenerator.getDefault()), learning,
                AnnouncementsSwitch.stop(optOuts), AnnouncementsSwitch.start(optOuts)));
    }

    /** "Stop" and "start announcements", and what is noted of them, in the reach sets. */
    @Bean
    OptOuts optOuts(RedisAnnouncementReach reach) {
        return new OptOuts() {
            @Override
            public void stop(Turn turn) {
                reach.stopAnnouncements(turn.context().getActivity().getConversationReference());
            }

            @Override
            public void start(Turn turn) {
                reach.startAnnouncements(turn.context().getActivity().getConversationReference());
            }

            @Override
            public Notes notes(Turn turn) {
                RedisAnnouncementReach.Noted noted = reach.noted(turn.context().getActivity().getConversationReference());
                return new Notes(noted.stopped(), noted.removed());
            }

            @Override
            public Together.Call<Notes> notesCall(Turn turn) {
                return reach.notedCall(turn.context().getActivity().getConversationReference())
                        .map(noted -> new Notes(noted.stopped(), noted.removed()));
            }
        };
    }

    @Bean
    AnnouncementHoldings announcementHoldings(OptOuts optOuts, Messages messages) {
        messages.require(AnnouncementHoldings.wordingKeys(), "announcement holdings");
        return new AnnouncementHoldings(optOuts);
    }

    /** What a recipient sees: the template's card, exactly as the ambassador's preview showed it. */
    private static Activity render(Broadcast broadcast, AnnouncementContent content, Messages messages) {
        Card card = content.card(broadcast.message(), broadcast.text(), messages.wording(null)).orElseThrow(() ->
                new IllegalStateException("An announcement's template is no longer in the content"));
        return MessageFactory.attachment(AdaptiveCardRenderer.attachment(card));
    }
}
