package org.signpost.bot.redis;

import com.microsoft.bot.schema.ConversationReference;
import java.util.List;
import java.util.Optional;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.references.Reach;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The conversations announcements can reach, by keyed names ({@code ref} keyspace): everyone's personal chat
 * a page at a time, the channels where the bot was added, and who said "stop announcements".
 */
public final class RedisAnnouncementReach implements Reach {

    private final RedisConversationReferences references;
    private final ReachSets sets;

    public RedisAnnouncementReach(RedisConversationReferences references) {
        this.references = references;
        this.sets = references.reachSets();
    }

    @Override
    public String nameOf(String channelId, String conversationId) {
        return references.nameOf(channelId, conversationId);
    }

    @Override
    public Optional<ConversationReference> reference(String tenant, String name) {
        return references.reference(tenant, name);
    }

    @Override
    public Page reachable(String tenant, String cursor, int count) {
        ScanResult<String> page = sets.inReach(tenant, cursor.isEmpty() ? ScanParams.SCAN_POINTER_START : cursor,
                count);
        String next = page.isCompleteIteration() ? "" : page.getCursor();
        return new Page(page.getResult(), next);
    }

    @Override
    public long optedOut(String tenant) {
        return sets.optedOut(tenant);
    }

    @Override
    public void forgetGone(String tenant, String name) {
        reference(tenant, name).ifPresent(found -> references.forget(found.getChannelId(),
                found.getConversation().getId()));
        sets.outOfReach(tenant, name);
    }

    /**
     * "Stop announcements": out of every later broadcast's audience, and remembered as such (a keyed one-way
     * name of the person, so a reinstall does not undo it). The reference itself stays for the safety net
     * (the urgent card in the personal chat), until the app is removed.
     */
    public void stopAnnouncements(ConversationReference reference) {
        references.stopAnnouncements(reference);
    }

    /** "Start announcements": undoes the above, and keeps the reference (one round trip). */
    public void startAnnouncements(ConversationReference reference) {
        references.rememberOptingIn(reference);
    }

    /** What is noted of a person, by keyed name: that they stopped announcements; that their personal chat went. */
    public record Noted(boolean stopped, boolean removed) {
    }

    /** What is noted of the person this reference names (one round trip), for "what do you keep about me". */
    public Noted noted(ConversationReference reference) {
        return references.noted(reference);
    }

    /** The same, as a call a pipeline of the turn's other reads can carry. */
    public Together.Call<Noted> notedCall(ConversationReference reference) {
        return references.notedCall(reference);
    }

    /** Channels where the bot was added, by name: where an ambassador may post. */
    public List<String> channelNames(String tenant) {
        return List.copyOf(sets.channels(tenant));
    }
}
