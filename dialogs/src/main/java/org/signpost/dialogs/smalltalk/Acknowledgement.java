package org.signpost.dialogs.smalltalk;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.flow.FlowEngine;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/**
 * "Sure", "ok", a thumbs-up, "nvm, that was for someone else": acknowledged, with what they can do next (the menu;
 * mid-flow, the card they were on, so the flow keeps its place). "Sure" read as the survey before, which only showed
 * its privacy statement, and a message meant for someone else as thanks.
 */
public final class Acknowledgement implements Capability {

    static final String REPLY = "acknowledgement.reply";

    private final FlowEngine flows;

    public Acknowledgement(FlowEngine flows) {
        this.flows = flows;
    }

    @Override
    public String id() {
        return "acknowledgement";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return flows.pointBackToTheCard(turn, REPLY).orElseGet(() -> turn.sayThenMenu(REPLY));
    }
}
