package org.signpost.dialogs.chat;

import java.util.concurrent.CompletableFuture;

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
