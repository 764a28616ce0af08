package org.signpost.bot.redis;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import redis.clients.jedis.UnifiedJedis;

/**
 * The teams the bot is in ({@code ref} keyspace, a set per tenant and a sealed reference per team), and what a
 * roster pass asks of a team's members: whether a personal chat with one may be opened, or is kept and in reach.
 * Nothing of the team's members is kept here.
 */
public final class RedisTeamRosters {

    private final UnifiedJedis redis;
    private final RefKeyspace ref;
    private final ReachSets reach;

    public RedisTeamRosters(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal) {
        this(redis, new RefKeyspace(redis, prefix, names, seal));
    }

    RedisTeamRosters(UnifiedJedis redis, RefKeyspace ref) {
        this.redis = redis;
        this.ref = ref;
        this.reach = new ReachSets(redis, ref);
    }

    /**
     * A team the bot was added to: where to call and the team's id (as the conversation's), sealed like a
     * reference, so that a roster pass can reach its members.
     */
    void rememberTeam(ConversationReference reference, String teamId) {
        ConversationReference team = new ConversationReference();
        team.setChannelId(reference.getChannelId());
        team.setServiceUrl(reference.getServiceUrl());
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(teamId);
        conversation.setConversationType("channel");
        conversation.setIsGroup(true);
        conversation.setTenantId(reference.getConversation().getTenantId());
        team.setConversation(conversation);
        team.setBot(reference.getBot() == null ? null : new ChannelAccount(reference.getBot().getId()));
        String name = ref.teamName(team.getChannelId(), teamId);
        ref.put(ref.key(name), Serialization.toStringSilent(team));
        redis.sadd(teams(RefKeyspace.tenantOf(team)), name);
    }

    public void forgetTeam(ConversationReference reference, String teamId) {
        String name = ref.teamName(reference.getChannelId(), teamId);
        redis.del(ref.key(name));
        redis.srem(teams(RefKeyspace.tenantOf(reference)), name);
    }

    /** The teams the bot is in, in a tenant: each as a reference whose conversation id is the team's id. */
    public List<ConversationReference> teamsOf(String tenant) {
        return redis.smembers(teams(tenant)).stream().map(name -> ref.reference(ref.key(name)))
                .flatMap(Optional::stream).toList();
    }

    /** The same, by keyed name in order: where a roster pass stopped can be found again. */
    public SortedMap<String, ConversationReference> teamsByName(String tenant) {
        SortedMap<String, ConversationReference> teams = new TreeMap<>();
        for (String name : redis.smembers(teams(tenant))) {
            ref.reference(ref.key(name)).ifPresent(team -> teams.put(name, team));
        }
        return teams;
    }

    /**
     * The name of a team member's personal chat, if one is kept and they may be reached: for a roster pass
     * that resumes a page another instance may have opened chats on before it stopped.
     */
    public Optional<String> reachableChatWith(ConversationReference team, String memberId) {
        return ref.get(ref.personalChatKey(team.getChannelId(), memberId))
                .map(conversationId -> ref.conversationName(team.getChannelId(), conversationId))
                .filter(name -> reach.inReach(RefKeyspace.tenantOf(team), name));
    }

    /**
     * Whether a roster pass may open a personal chat with a team member: not if one is kept already, nor if
     * they said "stop announcements", removed the app from their personal chat, or Teams refused the chat.
     */
    public boolean mayOpenPersonalChat(ConversationReference team, String memberId, String aadObjectId) {
        if (ref.get(ref.personalChatKey(team.getChannelId(), memberId)).isPresent()) {
            return false;
        }
        return !reach.optedOutOrLeft(RefKeyspace.tenantOf(team),
                ref.person(team.getChannelId(), memberId, aadObjectId));
    }

    /** Teams refused a personal chat with this member (403): no roster pass asks again until they install. */
    public void refusedPersonalChat(ConversationReference team, String memberId, String aadObjectId) {
        reach.left(RefKeyspace.tenantOf(team), ref.person(team.getChannelId(), memberId, aadObjectId));
    }

    private String teams(String tenant) {
        return ref.tenantSet("teams", tenant);
    }
}
