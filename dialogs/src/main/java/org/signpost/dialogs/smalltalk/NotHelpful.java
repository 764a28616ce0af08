package org.signpost.dialogs.smalltalk;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/**
 * "That's not helpful", "this bot is useless": an apology and where to get support, with the menu (mid-flow, the
 * card they were on). It read as thanks before ("you're welcome") or as a greeting.
 */
public final class NotHelpful implements Capability {

    static final String REPLY = "notHelpful.reply";

    private final FlowEngine flows;

    public NotHelpful(FlowEngine flows) {
        this.flows = flows;
    }

    @Override
    public String id() {
        return "not-helpful";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return flows.pointBackToTheCard(turn, REPLY).orElseGet(() -> turn.sayThenMenu(REPLY));
    }
}
