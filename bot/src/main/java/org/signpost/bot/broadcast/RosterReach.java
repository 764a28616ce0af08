package org.signpost.bot.broadcast;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.signpost.bot.connector.ConnectorClients.ConnectorException;
import org.signpost.bot.messaging.TeamConversations;
import org.signpost.bot.messaging.TeamConversations.Member;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the members of the teams the bot is in through personal chats, as Teams allows: before an
 * announcement to everyone is queued, each team's roster is read a page at a time, and a one-to-one
 * conversation is opened with each member who has none yet, unless they said "stop announcements",
 * removed Signpost from their personal chat, or Teams refused the chat before. Its reference is kept like
 * any other (and forgotten the same ways); the roster itself (names, e-mail addresses) is never kept.
 * Every call takes its place in the tenant's rate window, shared with the messages.
 */
final class RosterReach {

    private static final Logger log = LoggerFactory.getLogger(RosterReach.class);

    /** Waits for a place in the rate window; tests pass one that does not sleep long. */
    @FunctionalInterface
    interface Pause {
        void pause() throws InterruptedException;
    }

    private final RedisConversationReferences references;
    private final TeamConversations teams;
    private final RedisDeliveryQueue queue;
    private final DeliverySettings settings;
    private final int pageSize;
    private final Clock clock;
    private final Pause pause;
    private final SecureRandom random = new SecureRandom();

    RosterReach(RedisConversationReferences references, TeamConversations teams, RedisDeliveryQueue queue,
            DeliverySettings settings, int pageSize, Clock clock, Pause pause) {
        this.references = references;
        this.teams = teams;
        this.queue = queue;
        this.settings = settings;
        this.pageSize = pageSize;
        this.clock = clock;
        this.pause = pause;
    }

    /** "Everyone" in a tenant, once its teams' members have been reached: the pass runs as its first page is asked for. */
    Recipients before(Recipients recipients) {
        return new Recipients() {
            @Override
            public Page reachable(String tenant, String cursor, int count) {
                if (cursor.isEmpty()) {
                    reach(tenant);
                }
                return recipients.reachable(tenant, cursor, count);
            }

            @Override
            public long optedOut(String tenant) {
                return recipients.optedOut(tenant);
            }
        };
    }

    /** One pass over the tenant's teams; how many personal chats it opened. */
    int reach(String tenant) {
        int opened = 0;
        for (ConversationReference team : references.teamsOf(tenant)) {
            try {
                opened += reachTeam(tenant, team);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return opened;
            } catch (IOException | RuntimeException e) {
                // the roster could not be read to its end: its other members are reached next time
                log.warn("A team's roster pass stopped: {}", e.getClass().getSimpleName());
            }
        }
        if (opened > 0) {
            log.info("Opened {} personal chats with team members", opened);
        }
        return opened;
    }

    private int reachTeam(String tenant, ConversationReference team) throws IOException, InterruptedException {
        String teamId = team.getConversation().getId();
        String token = "";
        int opened = 0;
        do {
            TeamConversations.Page page;
            String from = token;
            try {
                page = call(tenant, () -> teams.members(team, teamId, from, pageSize));
            } catch (ConnectorException refused) {
                if (refused.status() == 403 || refused.status() == 404) {
                    // the bot is no longer in this team
                    references.forgetTeam(team, teamId);
                    return opened;
                }
                throw refused;
            }
            for (Member member : page.members()) {
                String aad = member.aadObjectId().isEmpty() ? null : member.aadObjectId();
                if (member.id().equals(botId(team)) || !references.mayOpenPersonalChat(team, member.id(), aad)) {
                    continue;
                }
                if (open(tenant, team, member, aad)) {
                    opened++;
                }
            }
            token = page.next();
        } while (!token.isEmpty());
        return opened;
    }

    private boolean open(String tenant, ConversationReference team, Member member, String aad)
            throws InterruptedException {
        String tenantId = Optional.ofNullable(team.getConversation().getTenantId()).orElse("");
        String conversationId;
        try {
            conversationId = call(tenant, () -> teams.openPersonalChat(team, tenantId, member));
        } catch (ConnectorException refused) {
            if (refused.status() == 403) {
                references.refusedPersonalChat(team, member.id(), aad);
            }
            log.debug("A personal chat was not opened: {}", refused.status());
            return false;
        } catch (IOException | RuntimeException e) {
            log.debug("A personal chat was not opened: {}", e.getClass().getSimpleName());
            return false;
        }
        ConversationReference personal = new ConversationReference();
        personal.setChannelId(team.getChannelId());
        personal.setServiceUrl(team.getServiceUrl());
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(conversationId);
        conversation.setConversationType("personal");
        conversation.setIsGroup(false);
        conversation.setTenantId(team.getConversation().getTenantId());
        personal.setConversation(conversation);
        personal.setBot(team.getBot());
        ChannelAccount user = new ChannelAccount(member.id());
        user.setAadObjectId(aad);
        personal.setUser(user);
        references.remember(personal);
        return true;
    }

    @FunctionalInterface
    private interface Call<T> {
        T make() throws IOException;
    }

    /** Makes a call once it has a place in the tenant's window; its place counts from its answer. */
    private <T> T call(String tenant, Call<T> call) throws IOException, InterruptedException {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String slot = HexFormat.of().formatHex(bytes);
        while (!queue.callSlot(tenant, slot, clock.instant(), settings)) {
            pause.pause();
        }
        try {
            return call.make();
        } finally {
            queue.callAnswered(tenant, slot, clock.instant());
        }
    }

    private static String botId(ConversationReference team) {
        return team.getBot() == null ? "" : team.getBot().getId();
    }
}
