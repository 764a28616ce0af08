package org.signpost.dialogs.broadcast;

import java.time.Duration;

/**
 * How fast and how safely broadcasts go out.
 *
 * @param ratePerSecond sends per tenant in any one-second window, all instances together (Teams allows
 *                      about 30 per app per tenant)
 * @param rateGuard     added to the one-second window, so that sends spaced on the sender's clock still
 *                      arrive spaced at the connector despite the network's jitter
 * @param lease         how long a claimed message belongs to the instance sending it; a claim older than
 *                      this means the instance died mid-send, and its message is counted as unknown. Longer
 *                      than one call to the connector, retries included.
 * @param maxInFlight   sends in flight at once from one instance
 * @param idlePoll      how often an idle instance looks for due broadcasts
 * @param expansionPage recipients added to a broadcast's queue per round trip
 */
public record DeliverySettings(int ratePerSecond, Duration rateGuard, Duration lease, int maxInFlight,
        Duration idlePoll, int expansionPage) {

    public static final Duration WINDOW = Duration.ofSeconds(1);

    public DeliverySettings {
        if (ratePerSecond < 1 || maxInFlight < 1 || expansionPage < 1 || rateGuard.isNegative()
                || lease.compareTo(Duration.ofSeconds(1)) < 0 || idlePoll.isNegative() || idlePoll.isZero()) {
            throw new IllegalArgumentException("Delivery needs a positive rate, lease, poll and page size");
        }
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(30, Duration.ofMillis(25), Duration.ofSeconds(60), 64, Duration.ofSeconds(5),
                500);
    }

    /** The window a tenant's sends are counted in. */
    public Duration window() {
        return WINDOW.plus(rateGuard);
    }
}
