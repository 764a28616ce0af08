package org.signpost.dialogs.broadcast;

import java.time.Instant;

/**
 * One message of a broadcast to one conversation, claimed by an instance for sending.
 *
 * @param recipient the conversation's reference name (keyed one-way), never its id
 * @param attempts  attempts made before this one
 * @param claimedAt when its claim took a place in the tenant's rate window
 */
public record Delivery(String broadcastId, String tenant, String recipient, int attempts, Instant claimedAt) {

    public String id() {
        return broadcastId + "|" + recipient;
    }
}
