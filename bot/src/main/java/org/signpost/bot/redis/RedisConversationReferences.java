package org.signpost.bot.redis;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.references.ConversationReferences;
import redis.clients.jedis.UnifiedJedis;

/**
 * Conversation references in the {@code ref} keyspace, kept until the app is removed. They hold ids by
 * necessity, so they are sealed: keyed by a one-way name and encrypted. Without the app's keys, nothing in
 * Redis or its data folder names a conversation or a person, so nothing else there can be joined to one.
 */
final class RedisConversationReferences implements ConversationReferences {

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms names;
    private final Seal seal;

    RedisConversationReferences(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal) {
        this.redis = redis;
        this.prefix = prefix;
        this.names = names;
        this.seal = seal;
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
        put(key(reference.getChannelId(), reference.getConversation().getId()), Serialization.toStringSilent(kept));
        if (personal(kept) && kept.getUser() != null) {
            put(personalKey(kept.getChannelId(), kept.getUser().getId()), kept.getConversation().getId());
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
        return get(personalKey(channelId, userId)).flatMap(conversationId -> find(channelId, conversationId));
    }

    private Optional<ConversationReference> find(String channelId, String conversationId) {
        Optional<String> json = get(key(channelId, conversationId));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Serialization.treeToValue(Serialization.jsonToTree(json.get()),
                    ConversationReference.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void put(String key, String value) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        redis.set(name, seal.seal(value.getBytes(StandardCharsets.UTF_8), name));
    }

    /** Empty when absent, or sealed under another key (the sealing key was changed): it is forgotten. */
    private Optional<String> get(String key) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = redis.get(name);
        return sealed == null ? Optional.empty()
                : seal.open(sealed, name).map(plain -> new String(plain, StandardCharsets.UTF_8));
    }

    private static boolean personal(ConversationReference reference) {
        ConversationAccount conversation = reference.getConversation();
        return !Boolean.TRUE.equals(conversation.isGroup())
                && !"groupChat".equals(conversation.getConversationType())
                && !"channel".equals(conversation.getConversationType());
    }

    /** Which personal chat the bot has with a person: for the urgent card when they write in a group. */
    private String personalKey(String channelId, String userId) {
        return Keyspace.REF.key(prefix, names.of("person", channelId, userId));
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
        return Keyspace.REF.key(prefix, names.of("conversation", channelId, conversationId));
    }
}
