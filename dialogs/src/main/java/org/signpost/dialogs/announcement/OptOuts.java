package org.signpost.dialogs.announcement;

import com.microsoft.bot.schema.ConversationReference;

/**
 * Port: "stop announcements" and "start announcements". Whoever stops is left out of every later
 * broadcast (remembered by a keyed one-way name, never a list of names) until they start again.
 */
public interface OptOuts {

    void stop(ConversationReference conversation);

    void start(ConversationReference conversation);
}
