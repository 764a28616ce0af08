package org.signpost.bot.broadcast;

import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.signpost.bot.broadcast.RedisRosterPasses.Cursor;
import org.signpost.bot.broadcast.RosterPassCalls.Lost;
import org.signpost.bot.messaging.TeamConversations;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.bot.redis.RedisTeamRosters;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the members of the teams the bot is in through personal chats, as Teams allows: when an
 * announcement to everyone starts, each team's roster is read a page at a time ({@link TeamRosterWalk}), and a
 * one-to-one conversation is opened with each member who has none yet, unless they said "stop announcements",
 * removed Signpost from their personal chat, or Teams refused the chat before. Its reference is kept like
 * any other (and forgotten the same ways); the roster itself (names, e-mail addresses) is never kept.
 * Every call takes its place in the tenant's rate window, shared with the messages ({@link RosterPassCalls}).
 *
 * <p>The pass runs on a thread of its own, beside the sending: those reachable already get the
 * announcement at once, and each chat opened joins the announcements waiting for the pass. One instance
 * holds a tenant's pass at a time ({@link RedisRosterPasses}), renewing its lease before every call, so a
 * long roster never lets a second instance open the same chats; if it stops, another resumes at its page.
 */
final class RosterReach {

    private static final Logger log = LoggerFactory.getLogger(RosterReach.class);

    private final RedisTeamRosters rosters;
    private final RedisRosterPasses passes;
    private final TeamRosterWalk teamRoster;
    private final DeliverySettings settings;
    private final Clock clock;
    private final String owner;
    private volatile Runnable onHold = () -> { };
    private volatile Runnable onQueued = () -> { };
    private volatile boolean stopping;

    RosterReach(RedisConversationReferences references, RedisTeamRosters rosters, TeamConversations teams,
            RedisCallSlots callSlots, RedisRosterPasses passes, DeliverySettings settings, int pageSize, Clock clock,
            RosterPassCalls.Pause pause, String owner) {
        this.rosters = rosters;
        this.passes = passes;
        this.teamRoster = new TeamRosterWalk(references, rosters, teams, passes,
                new RosterPassCalls(callSlots, passes, settings, clock, pause, owner, () -> stopping), pageSize,
                () -> onQueued.run());
        this.settings = settings;
        this.clock = clock;
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
                    opened += teamRoster.walk(tenant, team.getKey(), team.getValue(), token,
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
}
