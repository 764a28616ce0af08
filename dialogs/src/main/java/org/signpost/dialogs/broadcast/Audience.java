package org.signpost.dialogs.broadcast;

import java.util.List;

/**
 * Who a broadcast goes to: everyone the bot can reach in their personal chat, and/or chosen channels.
 * Channels are named by their reference's keyed one-way name, never by their ids.
 */
public record Audience(boolean everyone, List<String> channels) {

    public Audience {
        channels = List.copyOf(channels);
        if (!everyone && channels.isEmpty()) {
            throw new IllegalArgumentException("An audience needs everyone or at least one channel");
        }
    }

    public static Audience everyoneReachable() {
        return new Audience(true, List.of());
    }
}
