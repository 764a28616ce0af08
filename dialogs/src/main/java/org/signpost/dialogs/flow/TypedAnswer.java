package org.signpost.dialogs.flow;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/** Typed text taken as the answer of the current step (only where the step says it takes typed text). */
final class TypedAnswer implements Capability {
    private final FlowEngine engine;
    private final Flow flow;
    private final FlowRun run;

    TypedAnswer(FlowEngine engine, Flow flow, FlowRun run) {
        this.engine = engine;
        this.flow = flow;
        this.run = run;
    }

    @Override
    public String id() {
        return flow.id();
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        String step = flow.definition(run.instance()).steps().get(run.next()).id();
        String typed = turn.typed();
        return engine.handle(flow, turn, new Click(FlowCards.ANSWER, Optional.of(run.instance()), Optional.of(step),
                Optional.empty(), Optional.of(typed)));
    }
}
