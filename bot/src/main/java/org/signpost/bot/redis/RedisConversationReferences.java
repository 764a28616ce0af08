package org.signpost.bot.redis;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.util.Optional;
import org.signpost.dialogs.references.ConversationReferences;
import redis.clients.jedis.UnifiedJedis;

/** Conversation references in the {@code ref} keyspace, kept until the app is removed. */
final class RedisConversationReferences implements ConversationReferences {

    private final UnifiedJedis redis;
    private final String prefix;

    RedisConversationReferences(UnifiedJedis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void remember(ConversationReference reference) {
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
        redis.set(key(reference.getChannelId(), reference.getConversation().getId()),
                Serialization.toStringSilent(kept));
        if (personal(kept) && kept.getUser() != null) {
            redis.set(personalKey(kept.getChannelId(), kept.getUser().getId()), kept.getConversation().getId());
        }
    }

    @Override
    public void forget(String channelId, String conversationId) {
        find(channelId, conversationId).filter(RedisConversationReferences::personal)
                .filter(reference -> reference.getUser() != null)
                .ifPresent(reference -> redis.del(personalKey(channelId, reference.getUser().getId())));
        redis.del(key(channelId, conversationId));
    }

    @Override
    public Optional<ConversationReference> personalChatWith(String channelId, String userId) {
        String conversationId = redis.get(personalKey(channelId, userId));
        return conversationId == null ? Optional.empty() : find(channelId, conversationId);
    }

    private Optional<ConversationReference> find(String channelId, String conversationId) {
        String json = redis.get(key(channelId, conversationId));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Serialization.treeToValue(Serialization.jsonToTree(json),
                    ConversationReference.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean personal(ConversationReference reference) {
        ConversationAccount conversation = reference.getConversation();
        return !Boolean.TRUE.equals(conversation.isGroup())
                && !"groupChat".equals(conversation.getConversationType())
                && !"channel".equals(conversation.getConversationType());
    }

    /** Which personal chat the bot has with a person: for the urgent card when they write in a group. */
    private String personalKey(String channelId, String userId) {
        return Keyspace.REF.key(prefix, channelId + "/person/" + userId);
    }

    private static ChannelAccount idOnly(ChannelAccount account) {
        if (account == null) {
            return null;
        }
        ChannelAccount kept = new ChannelAccount(account.getId());
        kept.setAadObjectId(account.getAadObjectId());
        return kept;
    }

    private String key(String channelId, String conversationId) {
        return Keyspace.REF.key(prefix, channelId + "/" + conversationId);
    }
}
