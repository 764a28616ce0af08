package org.signpost.bot.broadcast;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.signpost.bot.broadcast.RedisRosterPasses.Cursor;
import org.signpost.bot.broadcast.RosterPassCalls.Lost;
import org.signpost.bot.connector.ConnectorClients.ConnectorException;
import org.signpost.bot.messaging.TeamConversations;
import org.signpost.bot.messaging.TeamConversations.Member;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.bot.redis.RedisTeamRosters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One team's roster in a pass ({@link RosterReach}), a page at a time: a one-to-one conversation is opened with
 * each member who may be reached and has none yet, its reference kept like any other, and each page's new chats
 * join the announcements waiting for the pass. The roster itself is never kept.
 */
final class TeamRosterWalk {

    /** The roster pass logs under one name, RosterReach's. */
    private static final Logger log = LoggerFactory.getLogger(RosterReach.class);

    private final RedisConversationReferences references;
    private final RedisTeamRosters rosters;
    private final TeamConversations teams;
    private final RedisRosterPasses passes;
    private final RosterPassCalls calls;
    private final int pageSize;
    private final Runnable onQueued;

    /** @param onQueued called when a page's newly opened chats were queued */
    TeamRosterWalk(RedisConversationReferences references, RedisTeamRosters rosters, TeamConversations teams,
            RedisRosterPasses passes, RosterPassCalls calls, int pageSize, Runnable onQueued) {
        this.references = references;
        this.rosters = rosters;
        this.teams = teams;
        this.passes = passes;
        this.calls = calls;
        this.pageSize = pageSize;
        this.onQueued = onQueued;
    }

    /**
     * Reaches a team's members from the page at {@code from} (empty: the first) to its last; how many personal
     * chats it opened. Resumed: the pass stopped on that page before, and may have opened chats it never queued.
     */
    int walk(String tenant, String teamName, ConversationReference team, String from, boolean resumed)
            throws IOException, InterruptedException, Lost {
        String teamId = team.getConversation().getId();
        String token = from;
        int opened = 0;
        do {
            Cursor at = new Cursor(teamName, token);
            TeamConversations.Page page;
            String pageToken = token;
            try {
                page = calls.call(tenant, at, () -> teams.members(team, teamId, pageToken, pageSize));
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
            conversationId = calls.call(tenant, at, () -> teams.openPersonalChat(team, tenantId, member));
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

    private static String botId(ConversationReference team) {
        return team.getBot() == null ? "" : team.getBot().getId();
    }
}
