package org.signpost.dialogs.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.signpost.dialogs.broadcast.DeliveryQueue.Claim;
import org.signpost.dialogs.broadcast.DeliveryQueue.Expansion;
import org.signpost.dialogs.broadcast.DeliveryQueue.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery engine of one instance: queues the recipients of broadcasts whose time has come, claims
 * what the queue lets it send now, sends it through the courier, and settles each answer (delivered,
 * again later, forgotten, failed, unknown). It keeps no state that matters across a crash: the queue does.
 * A scheduler calls {@link #tick()} again at the moment it returns (or when a send settles).
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryQueue queue;
    private final Recipients recipients;
    private final Courier courier;
    private final Backoff backoff;
    private final Forgetting forgetting;
    private final DeliverySettings settings;
    private final Clock clock;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Broadcast> broadcasts = new ConcurrentHashMap<>();
    private volatile Runnable onSettled = () -> { };

    public Dispatcher(DeliveryQueue queue, Recipients recipients, Courier courier, Backoff backoff,
            Forgetting forgetting, DeliverySettings settings, Clock clock, String owner) {
        this.queue = queue;
        this.recipients = recipients;
        this.courier = courier;
        this.backoff = backoff;
        this.forgetting = forgetting;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
    }

    /** Called after each send settles: a scheduler uses it to claim the freed slot at once. */
    public void onSettled(Runnable listener) {
        this.onSettled = listener;
    }

    /** One pass; returns when the next pass could find work. */
    public Instant tick() {
        Instant now = clock.instant();
        expandDueBroadcasts(now);
        Instant wake = now.plus(settings.idlePoll());
        for (String tenant : queue.activeTenants()) {
            int room = settings.maxInFlight() - inFlight.get();
            if (room <= 0) {
                break;
            }
            Claim claim = queue.claim(tenant, now, owner, room, settings);
            for (Delivery delivery : claim.deliveries()) {
                start(delivery);
            }
            if (claim.wakeAt().isPresent() && claim.wakeAt().get().isBefore(wake)) {
                wake = claim.wakeAt().get();
            }
        }
        return wake;
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void expandDueBroadcasts(Instant now) {
        for (Optional<Expansion> expansion = queue.claimExpansion(now, owner, settings); expansion.isPresent();
                expansion = queue.claimExpansion(clock.instant(), owner, settings)) {
            expand(expansion.get());
        }
    }

    private void expand(Expansion expansion) {
        Broadcast broadcast = expansion.broadcast();
        String cursor = expansion.cursor();
        boolean first = cursor.isEmpty();
        // opting out leaves a person out of "everyone"; a channel's post reaches its members regardless
        long optedOut = first && broadcast.audience().everyone() ? recipients.optedOut(broadcast.tenant()) : 0;
        if (!broadcast.audience().everyone()) {
            queue.addRecipients(broadcast.id(), owner, broadcast.audience().channels(), "", true, optedOut,
                    clock.instant(), settings);
            return;
        }
        if (first) {
            recipients.everyoneStarting(broadcast);
        }
        List<String> channels = first ? broadcast.audience().channels() : List.of();
        while (true) {
            Recipients.Page page = recipients.reachable(broadcast.tenant(), cursor, settings.expansionPage());
            List<String> names = new ArrayList<>(channels);
            names.addAll(page.names());
            channels = List.of();
            if (!queue.addRecipients(broadcast.id(), owner, names, page.next(), page.last(), optedOut,
                    clock.instant(), settings)) {
                return;
            }
            optedOut = 0;
            if (page.last()) {
                return;
            }
            cursor = page.next();
        }
    }

    private void start(Delivery delivery) {
        Optional<Broadcast> broadcast = broadcast(delivery.broadcastId());
        if (broadcast.isEmpty()) {
            queue.settle(delivery, owner, Settlement.FAILED, clock.instant());
            return;
        }
        inFlight.incrementAndGet();
        try {
            courier.send(broadcast.get(), delivery).whenComplete((result, error) -> {
                try {
                    settle(delivery, error == null ? result : new SendResult.MaybeSent());
                } finally {
                    inFlight.decrementAndGet();
                    onSettled.run();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            log.warn("A broadcast message could not be started: {}", e.getClass().getSimpleName());
            settle(delivery, new SendResult.MaybeSent());
        }
    }

    private Optional<Broadcast> broadcast(String id) {
        Broadcast known = broadcasts.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Broadcast> found = queue.broadcast(id);
        found.ifPresent(b -> broadcasts.put(id, b));
        return found;
    }

    private void settle(Delivery delivery, SendResult result) {
        Instant now = clock.instant();
        if (result instanceof SendResult.Delivered) {
            queue.settle(delivery, owner, Settlement.DELIVERED, now);
        } else if (result instanceof SendResult.Gone) {
            forgetting.forgetGone(delivery.tenant(), delivery.recipient());
            queue.settle(delivery, owner, Settlement.GONE, now);
        } else if (result instanceof SendResult.NoReference) {
            queue.settle(delivery, owner, Settlement.GONE, now);
        } else if (result instanceof SendResult.TryAgain again) {
            Optional<Duration> delay = backoff.next(delivery.attempts() + 1, again.retryAfter());
            if (delay.isEmpty()) {
                queue.settle(delivery, owner, Settlement.FAILED, now);
            } else {
                queue.retry(delivery, owner, now.plus(delay.get()), again.retryAfter().map(now::plus), now);
            }
        } else if (result instanceof SendResult.Late) {
            queue.retry(delivery, owner, now, Optional.empty(), now);
        } else if (result instanceof SendResult.MaybeSent) {
            queue.settle(delivery, owner, Settlement.UNKNOWN, now);
        } else {
            queue.settle(delivery, owner, Settlement.FAILED, now);
        }
    }
}
