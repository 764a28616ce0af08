package org.signpost.bot.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.signpost.dialogs.kernel.Together;

/**
 * A read of what is open to everyone (the same for every turn), reused on this instance for a moment
 * instead of asked of Redis on every turn. A write on this instance that changes it calls {@link #changed}
 * once done: the next turn here reads it again, and a read that was under way meanwhile is not kept.
 * Another instance's change is seen here within the moment, so every write that must not act on an
 * out-of-date read (a submission to a closed round, a sign-up) checks in Redis itself, atomically.
 */
public final class ReusedRead<T> {

    private record Read<T>(T value, Instant at, long generation) {
    }

    private final Clock clock;
    private final Duration moment;
    private final AtomicLong generation = new AtomicLong();
    private volatile Read<T> last;

    /** {@code moment} zero: read every time. */
    public ReusedRead(Clock clock, Duration moment) {
        this.clock = clock;
        this.moment = moment;
    }

    /** The last read while it is less than the moment old (answered here, no round trip), else {@code read}, kept. */
    public Together.Call<T> call(Piped<T> read) {
        Instant now = clock.instant();
        long asked = generation.get();
        Read<T> kept = last;
        if (kept != null && kept.generation() == asked && !now.isBefore(kept.at()) && now.isBefore(kept.at().plus(moment))) {
            T value = kept.value();
            return () -> value;
        }
        return kept(read, now, asked);
    }

    /** {@code read}, made whatever was read before (for a caller that must not act on a moment-old value), and kept. */
    public Piped<T> fresh(Piped<T> read) {
        return kept(read, clock.instant(), generation.get());
    }

    private Piped<T> kept(Piped<T> read, Instant now, long asked) {
        return read.map(value -> {
            if (generation.get() == asked) {
                last = new Read<>(value, now, asked);
            }
            return value;
        });
    }

    /** What it reads was changed by this instance: read it again from now on. */
    public void changed() {
        generation.incrementAndGet();
        last = null;
    }
}
