package org.signpost.dialogs.broadcast;

import java.time.Instant;

/**
 * One announcement on its way: what to send ({@code message}, an opaque name the courier renders, such
 * as an announcement id), to whom, from when. It names no one, not even who wrote it.
 */
public record Broadcast(String id, String tenant, String message, Audience audience, Instant sendAt) {

    public Broadcast {
        if (id.isBlank() || id.contains("|") || tenant.isBlank() || message.isBlank()) {
            throw new IllegalArgumentException("A broadcast needs an id (without '|'), a tenant and a message");
        }
    }
}
