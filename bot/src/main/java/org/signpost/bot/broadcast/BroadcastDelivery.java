package org.signpost.bot.broadcast;

/**
 * This instance's delivery: its dispatcher's scheduler and the courier's threads, stopped together. An
 * instance with delivery switched off still queues announcements; other instances send them.
 */
final class BroadcastDelivery implements AutoCloseable {

    private final DeliveryScheduler scheduler;
    private final ConnectorCourier courier;
    private final boolean running;

    BroadcastDelivery(DeliveryScheduler scheduler, ConnectorCourier courier, boolean enabled) {
        this.scheduler = scheduler;
        this.courier = courier;
        this.running = enabled;
        if (enabled) {
            scheduler.start();
        }
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
            scheduler.close();
        }
        courier.close();
    }
}
