package org.signpost.bot.redis;

import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@code ref} keyspace's layout, shared by the stores of references, announcement reach and teams: every
 * key is a keyed one-way name (of a conversation, a person, a team or a tenant), and every value that holds an
 * id is sealed under its key. Without the app's keys, nothing here names a conversation or a person.
 */
final class RefKeyspace {

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms names;
    private final Seal seal;

    RefKeyspace(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal) {
        this.redis = redis;
        this.prefix = prefix;
        this.names = names;
        this.seal = seal;
    }

    /** The name a conversation is known by; also the last part of its reference's key. */
    String conversationName(String channelId, String conversationId) {
        return names.of("conversation", channelId, conversationId);
    }

    String teamName(String channelId, String teamId) {
        return names.of("team", channelId, teamId);
    }

    /** A person, as the announcement sets know them: by Entra object id where there is one. */
    String person(ConversationReference reference) {
        return reference.getUser() == null ? names.of("announcements", reference.getChannelId(), "")
                : person(reference.getChannelId(), reference.getUser().getId(), reference.getUser().getAadObjectId());
    }

    String person(String channelId, String userId, String aadObjectId) {
        return names.of("announcements", channelId, aadObjectId == null ? userId : aadObjectId);
    }

    /** The key of what is kept under a name: a reference, sealed. */
    String key(String name) {
        return Keyspace.REF.key(prefix, name);
    }

    /** Which personal chat the bot has with a person: for the urgent card when they write in a group. */
    String personalChatKey(String channelId, String userId) {
        return key(names.of("person", channelId, userId));
    }

    /** A tenant's set of keyed names, such as {@code reach} or {@code optout}. */
    String tenantSet(String set, String tenant) {
        return key(set + ":" + names.of("tenant", tenant));
    }

    static String tenantOf(ConversationReference reference) {
        String tenant = reference.getConversation().getTenantId();
        return tenant == null || tenant.isBlank() ? "local" : tenant;
    }

    static boolean personal(ConversationReference reference) {
        ConversationAccount conversation = reference.getConversation();
        return !Boolean.TRUE.equals(conversation.isGroup())
                && !"groupChat".equals(conversation.getConversationType())
                && !"channel".equals(conversation.getConversationType());
    }

    void put(String key, String value) {
        putCall(key, value).alone();
    }

    /** {@link #put} as a call made together with others. */
    Piped<Void> putCall(String key, String value) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal.seal(value.getBytes(StandardCharsets.UTF_8), name);
        return Piped.of(pipeline -> pipeline.set(name, sealed), ok -> null, () -> {
            redis.set(name, sealed);
            return null;
        });
    }

    /** Empty when absent, or sealed under another key (the sealing key was changed): it is forgotten. */
    Optional<String> get(String key) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = redis.get(name);
        return sealed == null ? Optional.empty()
                : seal.open(sealed, name).map(plain -> new String(plain, StandardCharsets.UTF_8));
    }

    Optional<ConversationReference> reference(String key) {
        return get(key).flatMap(RefKeyspace::parse);
    }

    private static Optional<ConversationReference> parse(String json) {
        try {
            return Optional.ofNullable(Serialization.treeToValue(Serialization.jsonToTree(json),
                    ConversationReference.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
