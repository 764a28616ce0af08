package org.signpost.bot.broadcast;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.broadcast.RedisRosterPasses.Cursor;
import org.signpost.bot.connector.ConnectorClients.ConnectorException;
import org.signpost.bot.messaging.TeamConversations;
import org.signpost.bot.messaging.TeamConversations.Member;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.bot.redis.RedisTeamRosters;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the members of the teams the bot is in through personal chats, as Teams allows: when an
 * announcement to everyone starts, each team's roster is read a page at a time, and a one-to-one
 * conversation is opened with each member who has none yet, unless they said "stop announcements",
 * removed Signpost from their personal chat, or Teams refused the chat before. Its reference is kept like
 * any other (and forgotten the same ways); the roster itself (names, e-mail addresses) is never kept.
 * Every call takes its place in the tenant's rate window, shared with the messages.
 *
 * <p>The pass runs on a thread of its own, beside the sending: those reachable already get the
 * announcement at once, and each chat opened joins the announcements waiting for the pass. One instance
 * holds a tenant's pass at a time ({@link RedisRosterPasses}), renewing its lease before every call, so a
 * long roster never lets a second instance open the same chats; if it stops, another resumes at its page.
 */
final class RosterReach {

    private static final Logger log = LoggerFactory.getLogger(RosterReach.class);

    /** Waits for a place in the rate window; tests pass one that does not sleep long. */
    @FunctionalInterface
    interface Pause {
        void pause() throws InterruptedException;
    }

    /** The pass was taken over by another instance, or this one is stopping. */
    private static final class Lost extends Exception {
        Lost() {
            super(null, null, false, false);
        }
    }

    private final RedisConversationReferences references;
    private final RedisTeamRosters rosters;
    private final TeamConversations teams;
    private final RedisCallSlots callSlots;
    private final RedisRosterPasses passes;
    private final DeliverySettings settings;
    private final int pageSize;
    private final Clock clock;
    private final Pause pause;
    private final String owner;
    private final SecureRandom random = new SecureRandom();
    private volatile Runnable onHold = () -> { };
    private volatile Runnable onQueued = () -> { };
    private volatile boolean stopping;

    RosterReach(RedisConversationReferences references, RedisTeamRosters rosters, TeamConversations teams,
            RedisCallSlots callSlots, RedisRosterPasses passes, DeliverySettings settings, int pageSize, Clock clock,
            Pause pause, String owner) {
        this.references = references;
        this.rosters = rosters;
        this.teams = teams;
        this.callSlots = callSlots;
        this.passes = passes;
        this.settings = settings;
        this.pageSize = pageSize;
        this.clock = clock;
        this.pause = pause;
        this.owner = owner;
    }

    /** Called when an announcement starts waiting for a pass: the thread running passes may look at once. */
    void onHold(Runnable listener) {
        this.onHold = listener;
    }

    /** Called when a page's newly opened chats were queued: the sending may look at once. */
    void onQueued(Runnable listener) {
        this.onQueued = listener;
    }

    /** "Everyone" in a tenant: those reachable now, and its teams' members as the pass reaches them. */
    Recipients around(Recipients recipients) {
        return new Recipients() {
            @Override
            public Page reachable(String tenant, String cursor, int count) {
                return recipients.reachable(tenant, cursor, count);
            }

            @Override
            public long optedOut(String tenant) {
                return recipients.optedOut(tenant);
            }

            @Override
            public void everyoneStarting(Broadcast broadcast) {
                if (!rosters.teamsByName(broadcast.tenant()).isEmpty() && passes.hold(broadcast)) {
                    onHold.run();
                }
            }
        };
    }

    /** One round: the pass of each tenant that needs one and that no other instance holds. */
    Instant tick() {
        for (String tenant : passes.pending()) {
            if (stopping) {
                break;
            }
            reach(tenant);
        }
        return clock.instant().plus(settings.idlePoll());
    }

    /** Stops the pass under way at its next call and lets another instance resume it; for good. */
    void stop() {
        stopping = true;
    }

    /** A tenant's pass, if this instance may take it; how many personal chats it opened. */
    int reach(String tenant) {
        Optional<Cursor> claimed = passes.claim(tenant, owner, clock.instant(), settings.lease());
        if (claimed.isEmpty()) {
            return 0;
        }
        Cursor from = claimed.get();
        int opened = 0;
        try {
            for (Map.Entry<String, ConversationReference> team
                    : rosters.teamsByName(tenant).tailMap(from.team()).entrySet()) {
                String token = team.getKey().equals(from.team()) ? from.token() : "";
                try {
                    opened += reachTeam(tenant, team.getKey(), team.getValue(), token,
                            !from.start() && team.getKey().equals(from.team()));
                } catch (IOException e) {
                    // the roster could not be read to its end: its other members are reached next time
                    log.warn("A team's roster pass stopped: {}", e.getClass().getSimpleName());
                }
            }
            if (!passes.done(tenant, owner)) {
                log.info("A team roster pass was taken over by another instance");
            }
        } catch (Lost lost) {
            if (stopping) {
                passes.release(tenant, owner);
            } else {
                log.info("A team roster pass was taken over by another instance");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            passes.release(tenant, owner);
        }
        if (opened > 0) {
            log.info("Opened {} personal chats with team members", opened);
        }
        return opened;
    }

    private int reachTeam(String tenant, String teamName, ConversationReference team, String from, boolean resumed)
            throws IOException, InterruptedException, Lost {
        String teamId = team.getConversation().getId();
        String token = from;
        int opened = 0;
        do {
            Cursor at = new Cursor(teamName, token);
            TeamConversations.Page page;
            String pageToken = token;
            try {
                page = call(tenant, at, () -> teams.members(team, teamId, pageToken, pageSize));
            } catch (ConnectorException refused) {
                if (refused.status() == 403 || refused.status() == 404) {
                    // the bot is no longer in this team
                    rosters.forgetTeam(team, teamId);
                    return opened;
                }
                throw refused;
            }
            List<String> queued = new ArrayList<>();
            try {
                opened += queueOrOpen(tenant, at, team, page.members(), resumed, queued);
            } finally {
                // what was opened is queued even when the pass stops mid-page
                if (passes.add(tenant, queued) > 0) {
                    onQueued.run();
                }
            }
            resumed = false;
            token = page.next();
        } while (!token.isEmpty());
        return opened;
    }

    /** Opens chats with the page's members who may be reached and have none; how many it opened. */
    private int queueOrOpen(String tenant, Cursor at, ConversationReference team, List<Member> members,
            boolean resumed, List<String> queued) throws InterruptedException, Lost {
        int opened = 0;
        for (Member member : members) {
            String aad = member.aadObjectId().isEmpty() ? null : member.aadObjectId();
            if (member.id().equals(botId(team))) {
                continue;
            }
            if (!rosters.mayOpenPersonalChat(team, member.id(), aad)) {
                // an instance that stopped on this page may have opened it and not queued it yet
                if (resumed) {
                    rosters.reachableChatWith(team, member.id()).ifPresent(queued::add);
                }
                continue;
            }
            Optional<String> chat = open(tenant, at, team, member, aad);
            if (chat.isPresent()) {
                opened++;
                queued.add(chat.get());
            }
        }
        return opened;
    }

    private Optional<String> open(String tenant, Cursor at, ConversationReference team, Member member, String aad)
            throws InterruptedException, Lost {
        String tenantId = Optional.ofNullable(team.getConversation().getTenantId()).orElse("");
        String conversationId;
        try {
            conversationId = call(tenant, at, () -> teams.openPersonalChat(team, tenantId, member));
        } catch (ConnectorException refused) {
            if (refused.status() == 403) {
                rosters.refusedPersonalChat(team, member.id(), aad);
            }
            log.debug("A personal chat was not opened: {}", refused.status());
            return Optional.empty();
        } catch (IOException e) {
            log.debug("A personal chat was not opened: {}", e.getClass().getSimpleName());
            return Optional.empty();
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
        return Optional.of(references.nameOf(team.getChannelId(), conversationId));
    }

    @FunctionalInterface
    private interface Call<T> {
        T make() throws IOException;
    }

    /**
     * Makes a call once it has a place in the tenant's window (its place counts from its answer), renewing
     * the pass's lease first, and while it waits: the lease needs only to outlast one call.
     */
    private <T> T call(String tenant, Cursor at, Call<T> call) throws IOException, InterruptedException, Lost {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String slot = HexFormat.of().formatHex(bytes);
        renew(tenant, at);
        while (!callSlots.take(tenant, slot, clock.instant(), settings)) {
            pause.pause();
            renew(tenant, at);
        }
        try {
            return call.make();
        } catch (RuntimeException e) {
            // the connector's failure, not Redis's: this member or page is given up, the pass goes on
            throw new IOException("The connector call failed", e);
        } finally {
            callSlots.answered(tenant, slot, clock.instant());
        }
    }

    private void renew(String tenant, Cursor at) throws Lost {
        if (stopping || !passes.renew(tenant, owner, clock.instant(), settings.lease(), at)) {
            throw new Lost();
        }
    }

    private static String botId(ConversationReference team) {
        return team.getBot() == null ? "" : team.getBot().getId();
    }
}
