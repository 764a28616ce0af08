package org.signpost.dialogs.conversation;

import com.microsoft.bot.schema.Activity;
import java.time.Clock;
import java.time.Duration;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * Signposting first: whether this activity starts a conversation (a new chat, or the first message after
 * the idle gap), decided once even when an install event and a first message arrive together.
 */
final class FirstContact {

    private final ConversationActivity activity;
    private final Duration idleGap;
    private final Clock clock;

    FirstContact(ConversationActivity activity, Duration idleGap, Clock clock) {
        this.activity = activity;
        this.idleGap = idleGap;
        this.clock = clock;
    }

    /** Whether this activity starts the conversation, as a call to make together with the turn's first reads. */
    Together.Call<Boolean> starting(Activity incoming) {
        return activity.markActiveCall(Turn.conversationKey(incoming), clock.instant(), idleGap);
    }

    /** Signpost was removed from this conversation: adding it again starts it. */
    void forget(Activity incoming) {
        activity.forget(Turn.conversationKey(incoming));
    }
}
