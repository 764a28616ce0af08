package org.signpost.dialogs.broadcast;

import java.time.Instant;

/**
 * One announcement on its way: what to send ({@code message}, an opaque name the courier renders, such
 * as an announcement id, with {@code text}, words its author wrote for it, or "" for none), to whom, from
 * when. It names no one, not even who wrote it.
 */
public record Broadcast(String id, String tenant, String message, String text, Audience audience, Instant sendAt) {

    public Broadcast {
        text = text == null ? "" : text;
        if (id.isBlank() || id.contains("|") || tenant.isBlank() || message.isBlank()) {
            throw new IllegalArgumentException("A broadcast needs an id (without '|'), a tenant and a message");
        }
    }

    /** A broadcast of a message with no words of its author's. */
    public Broadcast(String id, String tenant, String message, Audience audience, Instant sendAt) {
        this(id, tenant, message, "", audience, sendAt);
    }
}
