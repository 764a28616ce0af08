package org.signpost.dialogs.broadcast;

/**
 * One message of a broadcast to one conversation, claimed by an instance for sending.
 *
 * @param recipient the conversation's reference name (keyed one-way), never its id
 * @param attempts  attempts made before this one
 */
public record Delivery(String broadcastId, String tenant, String recipient, int attempts) {

    public String id() {
        return broadcastId + "|" + recipient;
    }
}
