package org.signpost.bot.broadcast;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.signpost.bot.broadcast.RedisRosterPasses.Cursor;
import org.signpost.dialogs.broadcast.DeliverySettings;

/**
 * A team roster pass's calls to the connector (a roster page, a new personal chat): each takes its place in the
 * tenant's rate window, shared with the messages ({@link RedisCallSlots}), renewing the pass's lease first and
 * while it waits for one.
 */
final class RosterPassCalls {

    /** Waits for a place in the rate window; tests pass one that does not sleep long. */
    @FunctionalInterface
    interface Pause {
        void pause() throws InterruptedException;
    }

    /** The pass was taken over by another instance, or this one is stopping. */
    static final class Lost extends Exception {
        Lost() {
            super(null, null, false, false);
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T make() throws IOException;
    }

    private final RedisCallSlots callSlots;
    private final RedisRosterPasses passes;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Pause pause;
    private final String owner;
    private final BooleanSupplier stopping;
    private final SecureRandom random = new SecureRandom();

    RosterPassCalls(RedisCallSlots callSlots, RedisRosterPasses passes, DeliverySettings settings, Clock clock,
            Pause pause, String owner, BooleanSupplier stopping) {
        this.callSlots = callSlots;
        this.passes = passes;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.owner = owner;
        this.stopping = stopping;
    }

    /**
     * Makes a call once it has a place in the tenant's window (its place counts from its answer), renewing
     * the pass's lease first, and while it waits: the lease needs only to outlast one call.
     */
    <T> T call(String tenant, Cursor at, Call<T> call) throws IOException, InterruptedException, Lost {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String slot = HexFormat.of().formatHex(bytes);
        renew(tenant, at);
        while (!callSlots.take(tenant, slot, clock.instant(), settings)) {
            pause.pause();
            renew(tenant, at);
        }
        try {
            return call.make();
        } catch (RuntimeException e) {
            // the connector's failure, not Redis's: this member or page is given up, the pass goes on
            throw new IOException("The connector call failed", e);
        } finally {
            callSlots.answered(tenant, slot, clock.instant());
        }
    }

    private void renew(String tenant, Cursor at) throws Lost {
        if (stopping.getAsBoolean() || !passes.renew(tenant, owner, clock.instant(), settings.lease(), at)) {
            throw new Lost();
        }
    }
}
