package org.signpost.dialogs.broadcast;

/** Port: forgets a conversation's reference when Teams says the bot can no longer write there. */
@FunctionalInterface
public interface Forgetting {

    void forgetGone(String tenant, String recipient);
}
