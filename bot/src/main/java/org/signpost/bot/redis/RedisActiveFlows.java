package org.signpost.bot.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.flow.ActiveFlows;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The one flow in progress per conversation, in the {@code conv} keyspace, as unreadable as the answers in
 * progress: named by a keyed one-way name of the conversation of its own (it cannot be matched by name to
 * the conversation's last-active record, nor to its sealed progress), sealed (AES-GCM, the key name as
 * associated data) in a record of one length whatever the flow, so a reader learns only that some
 * conversation is in some flow, as the progress records already tell.
 */
final class RedisActiveFlows implements ActiveFlows {

    /** Flow id and instance, padded: longer than any flow id and instance id together. */
    static final int RECORD_BYTES = 96;

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms conversations;
    private final Seal seal;

    RedisActiveFlows(UnifiedJedis redis, String prefix, Pseudonyms conversations, Seal seal) {
        this.redis = redis;
        this.prefix = prefix;
        this.conversations = conversations;
        this.seal = seal;
    }

    @Override
    public Optional<Active> get(String conversationKey) {
        return getCall(conversationKey).alone();
    }

    @Override
    public Piped<Optional<Active>> getCall(String conversationKey) {
        byte[] name = key(conversationKey);
        return Piped.of(pipeline -> pipeline.get(name), stored -> opened(name, stored),
                () -> opened(name, redis.get(name)));
    }

    private Optional<Active> opened(byte[] name, byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        return seal.open(stored, name).flatMap(RedisActiveFlows::decode);
    }

    @Override
    public void set(String conversationKey, Active active, Duration ttl) {
        setCall(conversationKey, active, ttl).alone();
    }

    @Override
    public Piped<Void> setCall(String conversationKey, Active active, Duration ttl) {
        byte[] name = key(conversationKey);
        byte[] sealed = seal.seal(encode(active), name);
        SetParams expiry = new SetParams().px(ttl.toMillis());
        return Piped.of(pipeline -> pipeline.set(name, sealed, expiry), ok -> null, () -> {
            redis.set(name, sealed, expiry);
            return null;
        });
    }

    @Override
    public void clear(String conversationKey) {
        clearCall(conversationKey).alone();
    }

    @Override
    public Piped<Void> clearCall(String conversationKey) {
        byte[] name = key(conversationKey);
        return Piped.of(pipeline -> pipeline.del(name), deleted -> null, () -> {
            redis.del(name);
            return null;
        });
    }

    static byte[] encode(Active active) {
        byte[] flow = active.flow().getBytes(StandardCharsets.UTF_8);
        byte[] instance = active.instance().getBytes(StandardCharsets.UTF_8);
        if (2 + flow.length + instance.length > RECORD_BYTES) {
            throw new IllegalArgumentException("A flow id and instance id too long to record");
        }
        return ByteBuffer.allocate(RECORD_BYTES).put((byte) flow.length).put(flow).put((byte) instance.length)
                .put(instance).array();
    }

    static Optional<Active> decode(byte[] record) {
        if (record.length != RECORD_BYTES) {
            return Optional.empty();
        }
        int flowLength = Byte.toUnsignedInt(record[0]);
        if (1 + flowLength >= RECORD_BYTES) {
            return Optional.empty();
        }
        int instanceLength = Byte.toUnsignedInt(record[1 + flowLength]);
        if (2 + flowLength + instanceLength > RECORD_BYTES) {
            return Optional.empty();
        }
        String flow = new String(Arrays.copyOfRange(record, 1, 1 + flowLength), StandardCharsets.UTF_8);
        String instance = new String(Arrays.copyOfRange(record, 2 + flowLength, 2 + flowLength + instanceLength),
                StandardCharsets.UTF_8);
        return Optional.of(new Active(flow, instance));
    }

    private byte[] key(String conversationKey) {
        return Keyspace.CONV.key(prefix, conversations.of(conversationKey), ":flow").getBytes(StandardCharsets.UTF_8);
    }
}
