package org.signpost.bot.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Delivery;
import org.signpost.dialogs.broadcast.DeliveryQueue;
import org.signpost.dialogs.broadcast.DeliverySettings;
import org.signpost.dialogs.broadcast.Progress;
import redis.clients.jedis.UnifiedJedis;

/**
 * The delivery queue in the {@code bcast} keyspace, shared by every instance: each step one Lua script
 * ({@link AnnouncementScripts} for an announcement's record, {@link QueueScripts} for its messages), so
 * claims, leases and the rate window stay right under any interleaving. A tenant's keys share one hash tag
 * ({@link BroadcastKeys}). Each announcement's record (and its recipient sets) lives until its time to send
 * plus the retention, on the app's clock: a Redis lifetime set when it is scheduled and kept by every write.
 */
public final class RedisDeliveryQueue implements DeliveryQueue {

    private final UnifiedJedis redis;
    private final BroadcastKeys keys;
    private final TenantList tenants;
    private final TenantRetention keeper;
    private final Duration retention;
    private final Clock clock;

    /** @param retention how long an announcement's record is kept after its time to send */
    public RedisDeliveryQueue(UnifiedJedis redis, String prefix, Duration retention, Clock clock) {
        this.redis = redis;
        this.keys = new BroadcastKeys(prefix);
        this.tenants = new TenantList(redis, keys);
        this.keeper = new TenantRetention(redis, keys, tenants, retention, clock);
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void schedule(Broadcast broadcast) {
        String tenant = broadcast.tenant();
        Instant now = clock.instant();
        Instant deleteAt = (broadcast.sendAt().isAfter(now) ? broadcast.sendAt() : now).plus(retention);
        tenants.join(tenant);
        redis.hsetnx(keys.owners(), broadcast.id(), tenant);
        redis.eval(AnnouncementScripts.SCHEDULE,
                List.of(keys.meta(tenant, broadcast.id()), keys.key(tenant, "scheduled"), keys.key(tenant, "all"),
                        keys.key(tenant, "until")),
                List.of(broadcast.message(), broadcast.audience().everyone() ? "1" : "0",
                        String.join("\n", broadcast.audience().channels()),
                        Long.toString(broadcast.sendAt().toEpochMilli()), millis(now), broadcast.id(),
                        broadcast.text(), millis(deleteAt)));
        // again, now that it is queued: a tenant found idle and being let go stays listed
        tenants.join(tenant);
    }

    /**
     * Holds every announcement's record to its retention (at start-up, and whenever they are listed): a
     * record saved before records had a lifetime gets one, and one past its end is deleted now, with its
     * entries in the lists and the queue (Redis deletes the record at that moment anyway; this keeps the lists
     * and the queue in step on the app's clock). Between these, the dispatcher's passes do the same for a tenant
     * once a record's retention has ended ({@link #activeTenants}), and its claims drop what is queued for a
     * broadcast past its retention. A tenant left with nothing (no announcement kept, nothing queued, no roster
     * pass) leaves the list of tenants.
     */
    public void keepForRetention() {
        keeper.keepAll();
    }

    private Optional<String> tenantOf(String broadcastId) {
        return Optional.ofNullable(redis.hget(keys.owners(), broadcastId));
    }

    @Override
    public Optional<Broadcast> broadcast(String broadcastId) {
        return tenantOf(broadcastId).flatMap(tenant -> {
            Map<String, String> v = redis.hgetAll(keys.meta(tenant, broadcastId));
            if (v.isEmpty()) {
                return Optional.empty();
            }
            String channels = v.getOrDefault("channels", "");
            return Optional.of(new Broadcast(broadcastId, tenant, v.get("message"), v.getOrDefault("text", ""),
                    new Audience("1".equals(v.get("everyone")),
                            channels.isEmpty() ? List.of() : Arrays.asList(channels.split("\n"))),
                    Instant.ofEpochMilli(Long.parseLong(v.get("sendAt")))));
        });
    }

    @Override
    public List<String> broadcastIds() {
        keepForRetention();
        List<String> ids = new ArrayList<>();
        for (String tenant : tenants.listed()) {
            ids.addAll(redis.zrevrange(keys.key(tenant, "all"), 0, -1));
        }
        return ids;
    }

    /**
     * Asked at every pass of the dispatcher: a tenant whose earliest kept record has reached the end of its
     * retention has its records held to it now, and one left with nothing leaves the list of tenants (see
     * {@link #keepForRetention()}), so the list holds no tenant past its last kept or queued item for longer than
     * a pass.
     */
    @Override
    public List<String> activeTenants() {
        List<String> active = new ArrayList<>();
        for (String tenant : tenants.listed()) {
            if (keeper.queuedAfterLook(tenant)) {
                active.add(tenant);
            }
        }
        return active;
    }

    @Override
    public Optional<Expansion> claimExpansion(Instant now, String owner, DeliverySettings settings) {
        for (String tenant : tenants.listed()) {
            Object claimed = redis.eval(AnnouncementScripts.CLAIM_EXPANSION, List.of(keys.key(tenant, "scheduled")),
                    List.of(keys.metaPrefix(tenant), millis(now), owner, Long.toString(settings.lease().toMillis())));
            if (claimed instanceof List<?> found) {
                String id = (String) found.get(0);
                Optional<Broadcast> broadcast = broadcast(id);
                if (broadcast.isPresent()) {
                    return Optional.of(new Expansion(broadcast.get(), (String) found.get(1)));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean addRecipients(String broadcastId, String owner, List<String> names, String next, boolean last,
            long optedOut, Instant now, DeliverySettings settings) {
        Optional<String> tenant = tenantOf(broadcastId);
        if (tenant.isEmpty()) {
            return false;
        }
        String meta = keys.meta(tenant.get(), broadcastId);
        List<String> args = new ArrayList<>(List.of(broadcastId, owner, millis(now),
                Long.toString(settings.lease().toMillis()), next, last ? "1" : "0", Long.toString(optedOut)));
        args.addAll(names);
        Object added = redis.eval(AnnouncementScripts.ADD_RECIPIENTS, List.of(meta, meta + ":to", meta + ":seen",
                keys.key(tenant.get(), "due"), keys.key(tenant.get(), "scheduled")), args);
        return Long.valueOf(1).equals(added);
    }

    @Override
    public Claim claim(String tenant, Instant now, String owner, int max, DeliverySettings settings) {
        List<?> answer = (List<?>) redis.eval(QueueScripts.CLAIM,
                List.of(keys.key(tenant, "due"), keys.key(tenant, "leases"), keys.key(tenant, "owners"),
                        keys.key(tenant, "busy"), keys.key(tenant, "slots"), keys.key(tenant, "pause")),
                List.of(millis(now), owner, Long.toString(settings.lease().toMillis()), Integer.toString(max),
                        Integer.toString(settings.ratePerSecond()), Long.toString(settings.window().toMillis()),
                        keys.metaPrefix(tenant)));
        long wake = (Long) answer.get(0);
        List<Delivery> claimed = new ArrayList<>();
        for (int i = 1; i + 2 < answer.size(); i += 3) {
            claimed.add(new Delivery((String) answer.get(i), tenant, (String) answer.get(i + 1),
                    Integer.parseInt((String) answer.get(i + 2)), now));
        }
        return new Claim(claimed, wake < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(wake)));
    }

    /**
     * Takes the rate permit for a claimed message just before it is posted: its place in the tenant's
     * window is held until a window after its answer (settle or retry stamps it). False: do not post
     * (paused, lease lost, or no place left).
     */
    public boolean permit(Delivery delivery, String owner, Instant now, DeliverySettings settings) {
        String tenant = delivery.tenant();
        return Long.valueOf(1).equals(redis.eval(QueueScripts.PERMIT,
                List.of(keys.key(tenant, "slots"), keys.key(tenant, "pause"), keys.key(tenant, "owners")),
                List.of(millis(now), Long.toString(settings.window().toMillis()),
                        Integer.toString(settings.ratePerSecond()), delivery.id(),
                        Integer.toString(delivery.attempts()), owner, Long.toString(settings.lease().toMillis()))));
    }

    @Override
    public void settle(Delivery delivery, String owner, Settlement settlement, Instant now) {
        String meta = keys.meta(delivery.tenant(), delivery.broadcastId());
        redis.eval(QueueScripts.SETTLE, List.of(keys.key(delivery.tenant(), "leases"),
                keys.key(delivery.tenant(), "owners"), keys.key(delivery.tenant(), "busy"), meta, meta + ":to",
                keys.key(delivery.tenant(), "slots")),
                List.of(delivery.id(), owner, delivery.recipient(), settlement.name().toLowerCase(Locale.ROOT),
                        Integer.toString(delivery.attempts()), millis(now)));
    }

    @Override
    public void retry(Delivery delivery, String owner, Instant at, Optional<Instant> pauseTenantUntil, Instant now) {
        String tenant = delivery.tenant();
        String meta = keys.meta(tenant, delivery.broadcastId());
        redis.eval(QueueScripts.RETRY, List.of(keys.key(tenant, "leases"), keys.key(tenant, "owners"),
                keys.key(tenant, "busy"), meta, meta + ":to", keys.key(tenant, "due"), keys.key(tenant, "pause"),
                keys.key(tenant, "slots")),
                List.of(delivery.id(), owner, delivery.recipient(), millis(at),
                        pauseTenantUntil.map(RedisDeliveryQueue::millis).orElse("-1"),
                        Integer.toString(delivery.attempts()), millis(now)));
    }

    @Override
    public boolean cancel(String broadcastId, Instant now) {
        Optional<String> tenant = tenantOf(broadcastId);
        if (tenant.isEmpty()) {
            return false;
        }
        String meta = keys.meta(tenant.get(), broadcastId);
        return Long.valueOf(1).equals(redis.eval(AnnouncementScripts.CANCEL, List.of(meta, meta + ":to",
                keys.key(tenant.get(), "due"), keys.key(tenant.get(), "scheduled"), meta + ":seen"),
                List.of(broadcastId)));
    }

    @Override
    public Optional<Progress> progress(String broadcastId) {
        return tenantOf(broadcastId).flatMap(tenant -> {
            List<String> v = redis.hmget(keys.meta(tenant, broadcastId), "state", "recipients", "delivered", "failed",
                    "gone", "unknown", "cancelled", "optedOut");
            if (v.get(0) == null) {
                return Optional.empty();
            }
            return Optional.of(new Progress(BroadcastState.valueOf(v.get(0)), number(v.get(1)), number(v.get(2)),
                    number(v.get(3)), number(v.get(4)), number(v.get(5)), number(v.get(6)), number(v.get(7))));
        });
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
