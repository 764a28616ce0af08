package org.signpost.dialogs.focusgroup.chat;

import java.util.Optional;
import org.signpost.dialogs.kernel.Turn;

/**
 * Port: the work address the sender's Teams profile gives (their e-mail, else their user principal name),
 * asked of the channel's connector for this turn; empty when the channel gives none, or the lookup fails.
 * The bot module implements it over the connector's member lookup; the flow never sees the SDK.
 */
public interface Contacts {

    Optional<String> of(Turn turn);

    /** No lookup at all: every sign-up is reached through the person's chat with the bot. */
    static Contacts none() {
        return turn -> Optional.empty();
    }
}
