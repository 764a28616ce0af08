package org.signpost.dialogs.flow;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/** "Cancel" / "stop": ends the flow in progress, or says there is nothing to cancel. */
final class CancelFlow implements Capability {

    static final String ID = "cancel";
    static final String NOTHING = "cancel.nothing";

    private final FlowEngine engine;

    CancelFlow(FlowEngine engine) {
        this.engine = engine;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return turn.sayThenMenu(engine.cancelCurrent(turn).orElse(NOTHING));
    }
}
