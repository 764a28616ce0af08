package org.signpost.dialogs.conversation;

import java.time.Duration;
import java.time.Instant;
import org.signpost.dialogs.kernel.Together;

/** Port: when each personal conversation was last active, so its first reply signposts support. */
public interface ConversationActivity {

    /**
     * Records activity in a conversation and tells whether this starts it: nothing happened there
     * within {@code idleGap} before {@code now}. Atomic, so when an install event and a first message
     * arrive together (on any instance) exactly one of them starts the conversation. A store may record the
     * time a moment late (a turn right after the same instance's last one need not be written), so that a
     * start comes at most that moment early: signposting a little more, never less.
     */
    boolean markActive(String conversationKey, Instant now, Duration idleGap);

    /**
     * Signpost was removed from the conversation: what is kept of when it was last active goes, so that adding
     * it again starts the conversation (signposting first), even within the idle gap.
     */
    void forget(String conversationKey);

    /** {@link #markActive} as a call the store may make together with the turn's other first reads. */
    default Together.Call<Boolean> markActiveCall(String conversationKey, Instant now, Duration idleGap) {
        return () -> markActive(conversationKey, now, idleGap);
    }
}
