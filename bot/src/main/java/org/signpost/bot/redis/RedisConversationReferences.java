package org.signpost.bot.redis;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
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
    }

    @Override
    public void forget(String channelId, String conversationId) {
        redis.del(key(channelId, conversationId));
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
