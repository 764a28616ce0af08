package org.signpost.dialogs.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The queue's rules in one process, plainly: the executable reading of {@link DeliveryQueue}'s contract
 * that the Redis queue (Lua) must match; both pass {@link DeliveryQueueContract}.
 */
public final class InMemoryDeliveryQueue implements DeliveryQueue {

    private record Due(Instant at, String deliveryId) {
    }

    private record Lease(String owner, Instant until, Delivery delivery) {
    }

    private static final class Entry {
        final Broadcast broadcast;
        BroadcastState state = BroadcastState.SCHEDULED;
        String cursor = "";
        boolean expanded;
        String expansionOwner;
        Instant expansionUntil = Instant.MIN;
        final Set<String> recipients = new HashSet<>();
        final Map<String, Integer> attempts = new HashMap<>();
        final Map<Settlement, Long> settled = new EnumMap<>(Settlement.class);
        long cancelled;
        long optedOut;

        Entry(Broadcast broadcast) {
            this.broadcast = broadcast;
        }

        long pending() {
            return recipients.size() - settled.values().stream().mapToLong(Long::longValue).sum() - cancelled;
        }
    }

    private static final class Tenant {
        final TreeSet<Due> due = new TreeSet<>(Comparator.comparing(Due::at).thenComparing(Due::deliveryId));
        final Map<String, Lease> leases = new HashMap<>();
        final Map<String, String> busy = new HashMap<>();
        final LinkedList<Instant> window = new LinkedList<>();
        Instant pausedUntil = Instant.MIN;
    }

    private final Map<String, Entry> broadcasts = new LinkedHashMap<>();
    private final Map<String, Tenant> tenants = new HashMap<>();

    @Override
    public synchronized void schedule(Broadcast broadcast) {
        broadcasts.putIfAbsent(broadcast.id(), new Entry(broadcast));
        tenants.computeIfAbsent(broadcast.tenant(), t -> new Tenant());
    }

    @Override
    public synchronized Optional<Broadcast> broadcast(String broadcastId) {
        return Optional.ofNullable(broadcasts.get(broadcastId)).map(e -> e.broadcast);
    }

    @Override
    public synchronized List<String> broadcastIds() {
        List<String> ids = new ArrayList<>(broadcasts.keySet());
        Collections.reverse(ids);
        return ids;
    }

    @Override
    public synchronized List<String> activeTenants() {
        return broadcasts.values().stream().filter(e -> active(e.state)).map(e -> e.broadcast.tenant()).distinct()
                .toList();
    }

    @Override
    public synchronized Optional<Expansion> claimExpansion(Instant now, String owner, DeliverySettings settings) {
        for (Entry entry : broadcasts.values()) {
            boolean due = entry.state == BroadcastState.SCHEDULED && !entry.broadcast.sendAt().isAfter(now);
            boolean abandoned = entry.state == BroadcastState.SENDING && !entry.expanded
                    && !entry.expansionUntil.isAfter(now);
            if (due || abandoned) {
                entry.state = BroadcastState.SENDING;
                entry.expansionOwner = owner;
                entry.expansionUntil = now.plus(settings.lease());
                return Optional.of(new Expansion(entry.broadcast, entry.cursor));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean addRecipients(String broadcastId, String owner, List<String> names, String next,
            boolean last, long optedOut, Instant now, DeliverySettings settings) {
        Entry entry = broadcasts.get(broadcastId);
        if (entry == null || entry.state != BroadcastState.SENDING || entry.expanded
                || !owner.equals(entry.expansionOwner)) {
            return false;
        }
        Tenant tenant = tenants.get(entry.broadcast.tenant());
        for (String name : names) {
            if (entry.recipients.add(name)) {
                tenant.due.add(new Due(entry.broadcast.sendAt(), new Delivery(broadcastId, entry.broadcast.tenant(),
                        name, 0, now).id()));
            }
        }
        entry.optedOut += optedOut;
        entry.cursor = next;
        entry.expansionUntil = now.plus(settings.lease());
        if (last) {
            entry.expanded = true;
            entry.expansionOwner = null;
            finishIfDone(entry);
        }
        return true;
    }

    @Override
    public synchronized Claim claim(String tenantId, Instant now, String owner, int max, DeliverySettings settings) {
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return new Claim(List.of(), Optional.empty());
        }
        expireLeases(tenant, now);
        List<Delivery> claimed = new ArrayList<>();
        Instant windowStart = now.minus(settings.window());
        tenant.window.removeIf(sent -> !sent.isAfter(windowStart));
        boolean paused = tenant.pausedUntil.isAfter(now);
        boolean blockedByRate = false;
        if (!paused) {
            for (Iterator<Due> it = tenant.due.iterator(); it.hasNext() && claimed.size() < max;) {
                Due due = it.next();
                if (due.at().isAfter(now)) {
                    break;
                }
                if (tenant.window.size() >= settings.ratePerSecond()) {
                    blockedByRate = true;
                    break;
                }
                String[] parts = due.deliveryId().split("\\|", 2);
                if (tenant.busy.containsKey(parts[1])) {
                    continue;
                }
                it.remove();
                Entry entry = broadcasts.get(parts[0]);
                Delivery delivery = new Delivery(parts[0], tenantId, parts[1],
                        entry.attempts.getOrDefault(parts[1], 0), now);
                tenant.leases.put(delivery.id(), new Lease(owner, now.plus(settings.lease()), delivery));
                tenant.busy.put(parts[1], delivery.id());
                tenant.window.addLast(now);
                claimed.add(delivery);
            }
        }
        return new Claim(claimed, wakeAt(tenant, now, paused, blockedByRate, settings));
    }

    private Optional<Instant> wakeAt(Tenant tenant, Instant now, boolean paused, boolean blockedByRate,
            DeliverySettings settings) {
        List<Instant> candidates = new ArrayList<>();
        tenant.leases.values().stream().map(Lease::until).min(Comparator.naturalOrder()).ifPresent(candidates::add);
        if (!tenant.due.isEmpty()) {
            Instant firstDue = tenant.due.first().at();
            if (paused) {
                candidates.add(firstDue.isAfter(tenant.pausedUntil) ? firstDue : tenant.pausedUntil);
            } else if (firstDue.isAfter(now)) {
                candidates.add(firstDue);
            } else if (blockedByRate) {
                candidates.add(tenant.window.get(tenant.window.size() - settings.ratePerSecond())
                        .plus(settings.window()));
            }
        }
        return candidates.stream().min(Comparator.naturalOrder());
    }

    private void expireLeases(Tenant tenant, Instant now) {
        for (Iterator<Lease> it = tenant.leases.values().iterator(); it.hasNext();) {
            Lease lease = it.next();
            if (!lease.until().isAfter(now)) {
                it.remove();
                tenant.busy.remove(lease.delivery().recipient());
                count(lease.delivery(), Settlement.UNKNOWN);
            }
        }
    }

    @Override
    public synchronized void settle(Delivery delivery, String owner, Settlement settlement, Instant now) {
        if (release(delivery, owner)) {
            count(delivery, settlement);
        }
    }

    @Override
    public synchronized void retry(Delivery delivery, String owner, Instant at, Optional<Instant> pauseTenantUntil,
            Instant now) {
        if (!release(delivery, owner)) {
            return;
        }
        Entry entry = broadcasts.get(delivery.broadcastId());
        Tenant tenant = tenants.get(delivery.tenant());
        if (entry.state == BroadcastState.CANCELLED) {
            entry.attempts.remove(delivery.recipient());
            entry.cancelled++;
            return;
        }
        entry.attempts.merge(delivery.recipient(), 1, Integer::sum);
        tenant.due.add(new Due(at, delivery.id()));
        pauseTenantUntil.filter(until -> until.isAfter(tenant.pausedUntil)).ifPresent(until -> tenant.pausedUntil = until);
    }

    private boolean release(Delivery delivery, String owner) {
        Tenant tenant = tenants.get(delivery.tenant());
        Lease lease = tenant == null ? null : tenant.leases.get(delivery.id());
        if (lease == null || !lease.owner().equals(owner)) {
            return false;
        }
        tenant.leases.remove(delivery.id());
        tenant.busy.remove(delivery.recipient());
        return true;
    }

    private void count(Delivery delivery, Settlement settlement) {
        Entry entry = broadcasts.get(delivery.broadcastId());
        entry.attempts.remove(delivery.recipient());
        entry.settled.merge(settlement, 1L, Long::sum);
        finishIfDone(entry);
    }

    private void finishIfDone(Entry entry) {
        if (entry.state == BroadcastState.SENDING && entry.expanded && entry.pending() == 0) {
            entry.state = BroadcastState.DONE;
        }
    }

    @Override
    public synchronized boolean cancel(String broadcastId, Instant now) {
        Entry entry = broadcasts.get(broadcastId);
        if (entry == null || !active(entry.state)) {
            return false;
        }
        entry.state = BroadcastState.CANCELLED;
        Tenant tenant = tenants.get(entry.broadcast.tenant());
        for (Iterator<Due> it = tenant.due.iterator(); it.hasNext();) {
            Due due = it.next();
            if (due.deliveryId().startsWith(broadcastId + "|")) {
                it.remove();
                entry.attempts.remove(due.deliveryId().substring(broadcastId.length() + 1));
                entry.cancelled++;
            }
        }
        return true;
    }

    @Override
    public synchronized Optional<Progress> progress(String broadcastId) {
        Entry e = broadcasts.get(broadcastId);
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new Progress(e.state, e.recipients.size(), e.settled.getOrDefault(Settlement.DELIVERED, 0L),
                e.settled.getOrDefault(Settlement.FAILED, 0L), e.settled.getOrDefault(Settlement.GONE, 0L),
                e.settled.getOrDefault(Settlement.UNKNOWN, 0L), e.cancelled, e.optedOut));
    }

    private static boolean active(BroadcastState state) {
        return state == BroadcastState.SCHEDULED || state == BroadcastState.SENDING;
    }
}
