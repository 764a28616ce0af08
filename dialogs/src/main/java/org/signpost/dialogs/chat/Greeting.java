package org.signpost.dialogs.chat;

import java.util.concurrent.CompletableFuture;

/** "Hello" / "what can you do": the menu. */
public final class Greeting implements Capability {

    @Override
    public String id() {
        return "greeting";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return turn.say("greeting.reply").thenCompose(said -> turn.showMenu());
    }
}
