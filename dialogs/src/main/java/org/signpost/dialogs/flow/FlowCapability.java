package org.signpost.dialogs.flow;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/** A flow as a capability: its menu item, its intent and its cards' action id. */
final class FlowCapability implements Capability {
    private final FlowEngine engine;
    private final Flow flow;

    FlowCapability(FlowEngine engine, Flow flow) {
        this.engine = engine;
        this.flow = flow;
    }

    @Override
    public String id() {
        return flow.id();
    }

    @Override
    public boolean onMenu() {
        return flow.onMenu(flow.openInstances());
    }

    @Override
    public boolean onMenu(Turn turn) {
        return flow.onMenu(OpenInstances.read(flow, turn));
    }

    /** Not itself when nothing is left for this person in what is open: what the flow offers instead, if anything. */
    @Override
    public Optional<String> shownAs(Turn turn) {
        return engine.nothingLeft(flow, turn) ? flow.offeredWhenNothingLeft() : Optional.of(id());
    }

    @Override
    public Runnable addShownAsReads(Turn turn, Together.Batch batch) {
        return engine.addMenuReads(flow, turn, batch);
    }

    @Override
    public Set<Role> roles() {
        return flow.roles();
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return engine.handle(flow, turn);
    }
}
