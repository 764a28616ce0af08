package org.signpost.bot.messaging;

import com.microsoft.bot.builder.BotAdapter;
import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.builder.TurnContextStateCollection;
import com.microsoft.bot.schema.Activity;

/**
 * The SDK's turn context without its finalizer. The SDK's context and its turn state each declare a
 * finalize() that calls close(), so the JVM registered both for finalization on every turn: each collection
 * then kept them, and all they reach (the activity, everything in the turn state), alive through one more
 * young collection, and tracing that was half of each young pause (docs/benchmarks.md). The adapter closes
 * the context at the end of every turn anyway.
 *
 * <p>HotSpot does not register objects of a class whose own finalize() is empty, whatever its superclass
 * declares. The SDK's constructor still makes its own turn state (registered, but never handed out, so it
 * stays empty and keeps nothing alive): the SDK reads that field only in {@link #getTurnState()} and
 * {@link #close()}, and both use this class's state instead.
 */
final class TurnContextWithoutFinalizer extends TurnContextImpl {

    private final TurnState turnState = new TurnState();

    TurnContextWithoutFinalizer(BotAdapter adapter, Activity activity) {
        super(adapter, activity);
    }

    @Override
    public TurnContextStateCollection getTurnState() {
        return turnState;
    }

    /** As the SDK's: closes what the turn state holds (but not its connector client). */
    @Override
    public void close() throws Exception {
        turnState.close();
    }

    /** Empty on purpose (see above): the adapter closes every context itself. */
    @Override
    public void finalize() {
    }

    static final class TurnState extends TurnContextStateCollection {

        /** Empty on purpose: closed with its context. */
        @Override
        public void finalize() {
        }
    }
}
