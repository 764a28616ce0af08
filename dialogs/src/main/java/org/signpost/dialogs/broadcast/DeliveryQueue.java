package org.signpost.dialogs.broadcast;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the durable queue several instances share. Every operation is atomic. Its rules:
 * <ul>
 * <li>a message is claimed by one instance at a time, with a lease; only the lease's owner settles it;</li>
 * <li>a claim never exceeds the tenant's rate in any window ({@link DeliverySettings#window()}), counting
 *     every attempt, and never takes a second message for a conversation that has one in flight (a queue
 *     may also let the courier move a claim's place in the window to the moment of its post);</li>
 * <li>a lease that runs out (its instance stopped mid-send) settles its message as unknown: it may have
 *     arrived, so it is never sent again;</li>
 * <li>each conversation gets at most one message per broadcast, however often its recipients are added.</li>
 * </ul>
 */
public interface DeliveryQueue {

    /** Keeps a broadcast until its time; a second call with the same id changes nothing. */
    void schedule(Broadcast broadcast);

    Optional<Broadcast> broadcast(String broadcastId);

    /** Broadcasts, newest first. */
    List<String> broadcastIds();

    /** Tenants with a broadcast scheduled or in progress. */
    List<String> activeTenants();

    /**
     * A broadcast whose time has come and whose recipients are not all queued yet, claimed (with a lease)
     * by this instance to queue them, from where the last claimant stopped.
     */
    Optional<Expansion> claimExpansion(Instant now, String owner, DeliverySettings settings);

    /**
     * Queues recipients of a broadcast being expanded; false (and nothing changed) if this instance's
     * expansion claim was lost or the broadcast was cancelled.
     *
     * @param next     where the next page starts
     * @param last     whether every recipient is now queued
     * @param optedOut how many had opted out when the broadcast started (set with the first page)
     */
    boolean addRecipients(String broadcastId, String owner, List<String> recipients, String next, boolean last,
            long optedOut, Instant now, DeliverySettings settings);

    /** Claims at most {@code max} messages of this tenant that may be sent now. */
    Claim claim(String tenant, Instant now, String owner, int max, DeliverySettings settings);

    /** Settles a claimed message for good; ignored if this instance no longer holds its lease. */
    void settle(Delivery delivery, String owner, Settlement settlement, Instant now);

    /**
     * Puts a claimed message back for another attempt at {@code at}; with {@code pauseTenantUntil}, no
     * message of the tenant is claimed before then (Teams throttles the whole app, not one chat).
     */
    void retry(Delivery delivery, String owner, Instant at, Optional<Instant> pauseTenantUntil, Instant now);

    /** Stops a broadcast: what is not sent yet is counted as cancelled; false if it was already over. */
    boolean cancel(String broadcastId, Instant now);

    Optional<Progress> progress(String broadcastId);

    enum Settlement { DELIVERED, FAILED, GONE, UNKNOWN }

    /** @param wakeAt the earliest moment another claim could find something, empty if nothing is queued */
    record Claim(List<Delivery> deliveries, Optional<Instant> wakeAt) {
    }

    /** @param cursor where the recipients' pages resume (empty at the start) */
    record Expansion(Broadcast broadcast, String cursor) {
    }
}
