package org.signpost.bot.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * When to ask Redis to rewrite its append-only file. Until it does, the file holds each write: sealed
 * answers in progress and each submission's counters together. A rewrite leaves only the current state.
 * It is asked for at once after every few submissions and when a round closes, and otherwise no later
 * than {@code interval} after any survey change. A refused request ("already in progress", or a managed
 * Redis that does not allow it) stays due and is asked again at the next tick; only a refusal other than "already
 * in progress" (the usual answer at a busy time) is worth a warning. Plain Java over a clock:
 * a thin timer calls {@link #tick()}.
 */
final class AppendOnlyRewrites {

    /** Asks Redis for a rewrite (in a cluster, of the node holding the routing key); throws when refused. */
    interface Request {
        void rewrite(String routingKey);

        /** BGREWRITEAOF: in a cluster to the master of the routing key's slot, or to any node without one. */
        static Request to(UnifiedJedis redis) {
            return routingKey -> {
                if (routingKey == null) {
                    redis.sendCommand(Protocol.Command.BGREWRITEAOF);
                } else {
                    redis.sendCommand(routingKey, Protocol.Command.BGREWRITEAOF);
                }
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyRewrites.class);

    private final Clock clock;
    private final Duration interval;
    private final Request request;
    private final AtomicReference<Instant> due = new AtomicReference<>();
    private final AtomicBoolean refusing = new AtomicBoolean();
    /** The key of the round last written: only one round is open at a time. */
    private volatile String routingKey;

    AppendOnlyRewrites(Clock clock, Duration interval, Request request) {
        this.clock = clock;
        this.interval = interval;
        this.request = request;
    }

    /** Something survey-related was written (under this key): the file must be rewritten within the interval. */
    void changed(String routingKey) {
        this.routingKey = routingKey;
        if (due.get() == null) {
            due.compareAndSet(null, clock.instant().plus(interval));
        }
    }

    /** Rewrite now (k submissions, a round closed); if refused, at the next tick. */
    void now(String routingKey) {
        this.routingKey = routingKey;
        Instant now = clock.instant();
        due.accumulateAndGet(now, (current, asked) -> current == null || asked.isBefore(current) ? asked : current);
        tick();
    }

    /** A clean stop: a rewrite still due is asked for at once. True when Redis accepted it. */
    boolean rewriteIfDue() {
        Instant when = due.get();
        if (when == null || !due.compareAndSet(when, clock.instant())) {
            return false;
        }
        tick();
        return due.get() == null;
    }

    /** The timer: asks for a rewrite when one is due. */
    void tick() {
        Instant now = clock.instant();
        Instant when = due.get();
        if (when == null || now.isBefore(when) || !due.compareAndSet(when, null)) {
            return;
        }
        // cleared before asking: a write that lands after the rewrite began marks it due again
        try {
            request.rewrite(routingKey);
            if (refusing.compareAndSet(true, false)) {
                log.info("Redis accepted an append-only file rewrite again");
            }
        } catch (RuntimeException refused) {
            due.accumulateAndGet(now, (current, retry) -> current == null || retry.isBefore(current) ? retry : current);
            if (alreadyRewriting(refused)) {
                // the usual answer while submissions come in quickly: the rewrite under way is asked for again
                log.debug("Redis is rewriting its append-only file already; asking again at the next tick");
            } else if (refusing.compareAndSet(false, true)) {
                log.warn("Redis refused to rewrite its append-only file ({}); asking again at every tick until it does",
                        refused.getClass().getSimpleName());
            }
        }
    }

    /** Redis's answer while a rewrite it started is still running (Redis 6 and 7 word it so). */
    private static boolean alreadyRewriting(RuntimeException refused) {
        return refused instanceof JedisDataException && refused.getMessage() != null
                && refused.getMessage().contains("rewriting already in progress");
    }

    Optional<Instant> due() {
        return Optional.ofNullable(due.get());
    }
}
