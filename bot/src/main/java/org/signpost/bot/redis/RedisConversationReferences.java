package org.signpost.bot.redis;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.references.ConversationReferences;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.UnifiedJedis;

/**
 * Conversation references in the {@code ref} keyspace, kept until the app is removed. They hold ids by
 * necessity, so they are sealed: keyed by a one-way name and encrypted. Without the app's keys, nothing in
 * Redis or its data folder names a conversation or a person, so nothing else there can be joined to one.
 * Keeping or forgetting one also puts it in or out of announcements' reach ({@link RedisAnnouncementReach}).
 */
public final class RedisConversationReferences implements ConversationReferences {

    private final UnifiedJedis redis;
    private final RefKeyspace ref;
    private final ReachSets reach;
    private final RedisTeamRosters teams;
    private final Together together;

    public RedisConversationReferences(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal) {
        this.redis = redis;
        this.ref = new RefKeyspace(redis, prefix, names, seal);
        this.reach = new ReachSets(redis, ref);
        this.teams = new RedisTeamRosters(redis, ref);
        this.together = new RedisTogether(redis);
    }

    @Override
    public void remember(ConversationReference reference) {
        remember(reference, false);
    }

    /**
     * As {@link #remember}, for "start announcements" in this conversation: the person's opt-out removed and a
     * personal chat put in reach in the same round trip (nothing to ask: they have just opted in).
     */
    void rememberOptingIn(ConversationReference reference) {
        remember(reference, true);
    }

    private void remember(ConversationReference reference, boolean optingIn) {
        ConversationReference kept = new ConversationReference();
        // only what a later message needs: no activity id, no locale, no names
        kept.setChannelId(reference.getChannelId());
        kept.setServiceUrl(reference.getServiceUrl());
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(reference.getConversation().getId());
        conversation.setConversationType(reference.getConversation().getConversationType());
        conversation.setIsGroup(reference.getConversation().isGroup());
        conversation.setTenantId(reference.getConversation().getTenantId());
        kept.setConversation(conversation);
        kept.setBot(idOnly(reference.getBot()));
        kept.setUser(idOnly(reference.getUser()));
        String name = nameOf(kept.getChannelId(), kept.getConversation().getId());
        // the reference first, then reach: one round trip, and a second to put a personal chat in reach (one
        // round trip in all for someone opting in)
        Together.Batch batch = together.batch();
        if (optingIn) {
            batch.add(reach.optedInCall(reference));
        }
        batch.add(ref.putCall(key(kept.getChannelId(), kept.getConversation().getId()),
                Serialization.toStringSilent(kept)));
        if (RefKeyspace.personal(kept) && kept.getUser() != null) {
            batch.add(ref.putCall(ref.personalChatKey(kept.getChannelId(), kept.getUser().getId()),
                    kept.getConversation().getId()));
            batch.add(reach.notLeftCall(kept));
            if (optingIn) {
                batch.add(reach.inReachCall(kept, name));
                batch.make();
                return;
            }
            Together.Result<Boolean> optedOut = batch.add(reach.optedOutCall(kept));
            batch.make();
            if (!optedOut.get()) {
                reach.inReach(kept, name);
            }
            return;
        }
        if ("channel".equals(kept.getConversation().getConversationType())) {
            batch.add(reach.channelKeptCall(kept, name));
        }
        batch.make();
    }

    /** "Stop announcements": the person's opt-out, and their personal chat out of reach, in one round trip. */
    void stopAnnouncements(ConversationReference reference) {
        String name = nameOf(reference.getChannelId(), reference.getConversation().getId());
        together.make(List.of(reach.optOutCall(reference), reach.outOfReachCall(reference, name)));
    }

    /** What the announcement sets note of this person: whether they stopped announcements, whether their chat went. */
    RedisAnnouncementReach.Noted noted(ConversationReference reference) {
        Together.Batch batch = together.batch();
        Together.Result<Boolean> stopped = batch.add(reach.optedOutCall(reference));
        Together.Result<Boolean> left = batch.add(reach.leftCall(reference));
        batch.make();
        return new RedisAnnouncementReach.Noted(stopped.get(), left.get());
    }

    /** {@link #noted} as one call that a pipeline of other reads can carry (its two commands queued together). */
    Piped<RedisAnnouncementReach.Noted> notedCall(ConversationReference reference) {
        Piped<Boolean> stopped = reach.optedOutCall(reference);
        Piped<Boolean> left = reach.leftCall(reference);
        return new Piped<>() {
            @Override
            public Supplier<RedisAnnouncementReach.Noted> queue(PipeliningBase pipeline) {
                Supplier<Boolean> stoppedReply = stopped.queue(pipeline);
                Supplier<Boolean> leftReply = left.queue(pipeline);
                return () -> new RedisAnnouncementReach.Noted(stoppedReply.get(), leftReply.get());
            }

            @Override
            public RedisAnnouncementReach.Noted alone() {
                return noted(reference);
            }
        };
    }

    @Override
    public void forget(String channelId, String conversationId) {
        Optional<ConversationReference> found = find(channelId, conversationId);
        found.filter(RefKeyspace::personal)
                .filter(reference -> reference.getUser() != null)
                .ifPresent(reference -> {
                    redis.del(ref.personalChatKey(channelId, reference.getUser().getId()));
                    // removed, or Teams said it is gone: a roster pass must not open the chat again
                    reach.left(reference);
                });
        found.ifPresent(reference -> reach.outOfReach(RefKeyspace.tenantOf(reference),
                nameOf(channelId, conversationId)));
        redis.del(key(channelId, conversationId));
    }

    @Override
    public Optional<ConversationReference> personalChatWith(String channelId, String userId) {
        return ref.get(ref.personalChatKey(channelId, userId))
                .flatMap(conversationId -> find(channelId, conversationId));
    }

    /** The name a conversation's reference is kept under, and announcements know it by. */
    public String nameOf(String channelId, String conversationId) {
        return ref.conversationName(channelId, conversationId);
    }

    /** A reference by that name. */
    public Optional<ConversationReference> reference(String tenant, String name) {
        return ref.reference(ref.key(name));
    }

    @Override
    public void rememberTeam(ConversationReference reference, String teamId) {
        teams.rememberTeam(reference, teamId);
    }

    @Override
    public void forgetTeam(ConversationReference reference, String teamId) {
        teams.forgetTeam(reference, teamId);
    }

    ReachSets reachSets() {
        return reach;
    }

    private Optional<ConversationReference> find(String channelId, String conversationId) {
        return ref.reference(key(channelId, conversationId));
    }

    private String key(String channelId, String conversationId) {
        return ref.key(nameOf(channelId, conversationId));
    }

    private static ChannelAccount idOnly(ChannelAccount account) {
        if (account == null) {
            return null;
        }
        ChannelAccount kept = new ChannelAccount(account.getId());
        kept.setAadObjectId(account.getAadObjectId());
        return kept;
    }
}
