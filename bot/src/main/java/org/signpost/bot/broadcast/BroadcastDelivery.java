package org.signpost.bot.broadcast;

/**
 * This instance's delivery: its dispatcher's scheduler, the team roster passes' (a thread of their own, so
 * a long roster never holds up the sending) and the courier's threads, stopped together. An instance with
 * delivery switched off still queues announcements; other instances send them.
 */
final class BroadcastDelivery implements AutoCloseable {

    private final String owner;
    private final DeliveryScheduler scheduler;
    private final RosterReach rosters;
    private final DeliveryScheduler rosterPasses;
    private final ConnectorCourier courier;
    private final boolean running;

    BroadcastDelivery(String owner, DeliveryScheduler scheduler, RosterReach rosters, DeliveryScheduler rosterPasses,
            ConnectorCourier courier, boolean enabled) {
        this.owner = owner;
        this.scheduler = scheduler;
        this.rosters = rosters;
        this.rosterPasses = rosterPasses;
        this.courier = courier;
        this.running = enabled;
        if (enabled) {
            rosters.onHold(rosterPasses::nudge);
            rosters.onQueued(scheduler::nudge);
            scheduler.start();
            rosterPasses.start();
        }
    }

    /** The name this instance's claims and leases are under. */
    String owner() {
        return owner;
    }

    /** Look at the queue now: an announcement was queued or cancelled. */
    void nudge() {
        if (running) {
            scheduler.nudge();
        }
    }

    @Override
    public void close() {
        if (running) {
            // a pass under way stops at its next call and is left for another instance, where it was
            rosters.stop();
            rosterPasses.close();
            scheduler.close();
        }
        courier.close();
    }
}
