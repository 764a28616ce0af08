package org.signpost.bot.redis;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.signpost.bot.keys.Pseudonyms;
import org.signpost.bot.keys.Seal;
import org.signpost.dialogs.references.ConversationReferences;
import org.signpost.dialogs.references.Reach;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Conversation references in the {@code ref} keyspace, kept until the app is removed. They hold ids by
 * necessity, so they are sealed: keyed by a one-way name and encrypted. Without the app's keys, nothing in
 * Redis or its data folder names a conversation or a person, so nothing else there can be joined to one.
 */
public final class RedisConversationReferences implements ConversationReferences, Reach {

    private final UnifiedJedis redis;
    private final String prefix;
    private final Pseudonyms names;
    private final Seal seal;

    public RedisConversationReferences(UnifiedJedis redis, String prefix, Pseudonyms names, Seal seal) {
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
        String name = nameOf(kept.getChannelId(), kept.getConversation().getId());
        String tenant = tenantOf(kept);
        if (personal(kept) && kept.getUser() != null) {
            put(personalKey(kept.getChannelId(), kept.getUser().getId()), kept.getConversation().getId());
            redis.srem(left(tenant), person(kept));
            if (!redis.sismember(optOuts(tenant), person(kept))) {
                redis.sadd(reachable(tenant), name);
            }
        } else if ("channel".equals(kept.getConversation().getConversationType())) {
            redis.sadd(channels(tenant), name);
        }
    }

    @Override
    public String nameOf(String channelId, String conversationId) {
        return names.of("conversation", channelId, conversationId);
    }

    @Override
    public Optional<ConversationReference> reference(String tenant, String name) {
        return get(Keyspace.REF.key(prefix, name)).flatMap(RedisConversationReferences::parse);
    }

    @Override
    public Page reachable(String tenant, String cursor, int count) {
        ScanResult<String> page = redis.sscan(reachable(tenant), cursor.isEmpty() ? ScanParams.SCAN_POINTER_START
                : cursor, new ScanParams().count(count));
        String next = page.isCompleteIteration() ? "" : page.getCursor();
        return new Page(page.getResult(), next);
    }

    @Override
    public long optedOut(String tenant) {
        return redis.scard(optOuts(tenant));
    }

    @Override
    public void forgetGone(String tenant, String name) {
        reference(tenant, name).ifPresent(found -> forget(found.getChannelId(), found.getConversation().getId()));
        redis.srem(reachable(tenant), name);
        redis.srem(channels(tenant), name);
    }

    /**
     * "Stop announcements": out of every later broadcast's audience, and remembered as such (a keyed one-way
     * name of the person, so a reinstall does not undo it). The reference itself stays for the safety net
     * (the urgent card in the personal chat), until the app is removed.
     */
    public void stopAnnouncements(ConversationReference reference) {
        String tenant = tenantOf(reference);
        redis.sadd(optOuts(tenant), person(reference));
        redis.srem(reachable(tenant), nameOf(reference.getChannelId(), reference.getConversation().getId()));
    }

    /** "Start announcements": undoes the above. */
    public void startAnnouncements(ConversationReference reference) {
        String tenant = tenantOf(reference);
        redis.srem(optOuts(tenant), person(reference));
        remember(reference);
    }

    /** Channels where the bot was added, by name: where an ambassador may post. */
    public List<String> channelNames(String tenant) {
        return List.copyOf(redis.smembers(channels(tenant)));
    }

    private String person(ConversationReference reference) {
        return reference.getUser() == null ? names.of("announcements", reference.getChannelId(), "")
                : personName(reference.getChannelId(), reference.getUser().getId(), reference.getUser().getAadObjectId());
    }

    private String personName(String channelId, String userId, String aadObjectId) {
        return names.of("announcements", channelId, aadObjectId == null ? userId : aadObjectId);
    }

    private static String tenantOf(ConversationReference reference) {
        String tenant = reference.getConversation().getTenantId();
        return tenant == null || tenant.isBlank() ? "local" : tenant;
    }

    private String reachable(String tenant) {
        return Keyspace.REF.key(prefix, "reach:" + names.of("tenant", tenant));
    }

    private String channels(String tenant) {
        return Keyspace.REF.key(prefix, "channels:" + names.of("tenant", tenant));
    }

    private String left(String tenant) {
        return Keyspace.REF.key(prefix, "left:" + names.of("tenant", tenant));
    }

    private String teams(String tenant) {
        return Keyspace.REF.key(prefix, "teams:" + names.of("tenant", tenant));
    }

    private String teamName(String channelId, String teamId) {
        return names.of("team", channelId, teamId);
    }

    /**
     * A team the bot was added to: where to call and the team's id (as the conversation's), sealed like a
     * reference, so that a roster pass can reach its members. Nothing of the team's members is kept here.
     */
    @Override
    public void rememberTeam(ConversationReference reference, String teamId) {
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
        String name = teamName(team.getChannelId(), teamId);
        put(Keyspace.REF.key(prefix, name), Serialization.toStringSilent(team));
        redis.sadd(teams(tenantOf(team)), name);
    }

    @Override
    public void forgetTeam(ConversationReference reference, String teamId) {
        String name = teamName(reference.getChannelId(), teamId);
        redis.del(Keyspace.REF.key(prefix, name));
        redis.srem(teams(tenantOf(reference)), name);
    }

    /** The teams the bot is in, in a tenant: each as a reference whose conversation id is the team's id. */
    public List<ConversationReference> teamsOf(String tenant) {
        return redis.smembers(teams(tenant)).stream()
                .map(name -> get(Keyspace.REF.key(prefix, name)).flatMap(RedisConversationReferences::parse))
                .flatMap(Optional::stream).toList();
    }

    /** The same, by keyed name in order: where a roster pass stopped can be found again. */
    public SortedMap<String, ConversationReference> teamsByName(String tenant) {
        SortedMap<String, ConversationReference> teams = new TreeMap<>();
        for (String name : redis.smembers(teams(tenant))) {
            get(Keyspace.REF.key(prefix, name)).flatMap(RedisConversationReferences::parse)
                    .ifPresent(team -> teams.put(name, team));
        }
        return teams;
    }

    /**
     * The name of a team member's personal chat, if one is kept and they may be reached: for a roster pass
     * that resumes a page another instance may have opened chats on before it stopped.
     */
    public Optional<String> reachableChatWith(ConversationReference team, String memberId) {
        return get(personalKey(team.getChannelId(), memberId))
                .map(conversationId -> nameOf(team.getChannelId(), conversationId))
                .filter(name -> redis.sismember(reachable(tenantOf(team)), name));
    }

    /**
     * Whether a roster pass may open a personal chat with a team member: not if one is kept already, nor if
     * they said "stop announcements", removed the app from their personal chat, or Teams refused the chat.
     */
    public boolean mayOpenPersonalChat(ConversationReference team, String memberId, String aadObjectId) {
        if (get(personalKey(team.getChannelId(), memberId)).isPresent()) {
            return false;
        }
        String tenant = tenantOf(team);
        String person = personName(team.getChannelId(), memberId, aadObjectId);
        return !redis.sismember(optOuts(tenant), person) && !redis.sismember(left(tenant), person);
    }

    /** Teams refused a personal chat with this member (403): no roster pass asks again until they install. */
    public void refusedPersonalChat(ConversationReference team, String memberId, String aadObjectId) {
        redis.sadd(left(tenantOf(team)), personName(team.getChannelId(), memberId, aadObjectId));
    }

    private String optOuts(String tenant) {
        return Keyspace.REF.key(prefix, "optout:" + names.of("tenant", tenant));
    }

    @Override
    public void forget(String channelId, String conversationId) {
        Optional<ConversationReference> found = find(channelId, conversationId);
        found.filter(RedisConversationReferences::personal)
                .filter(reference -> reference.getUser() != null)
                .ifPresent(reference -> {
                    redis.del(personalKey(channelId, reference.getUser().getId()));
                    // removed, or Teams said it is gone: a roster pass must not open the chat again
                    redis.sadd(left(tenantOf(reference)), person(reference));
                });
        found.ifPresent(reference -> {
            String name = nameOf(channelId, conversationId);
            redis.srem(reachable(tenantOf(reference)), name);
            redis.srem(channels(tenantOf(reference)), name);
        });
        redis.del(key(channelId, conversationId));
    }

    @Override
    public Optional<ConversationReference> personalChatWith(String channelId, String userId) {
        return get(personalKey(channelId, userId)).flatMap(conversationId -> find(channelId, conversationId));
    }

    private Optional<ConversationReference> find(String channelId, String conversationId) {
        return get(key(channelId, conversationId)).flatMap(RedisConversationReferences::parse);
    }

    private static Optional<ConversationReference> parse(String json) {
        try {
            return Optional.ofNullable(Serialization.treeToValue(Serialization.jsonToTree(json),
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
