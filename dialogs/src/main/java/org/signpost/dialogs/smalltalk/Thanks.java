package org.signpost.dialogs.smalltalk;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/** "Thanks": a short, warm acknowledgement. */
public final class Thanks implements Capability {

    @Override
    public String id() {
        return "thanks";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return turn.say("thanks.reply");
    }
}
