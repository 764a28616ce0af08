package org.signpost.dialogs.smalltalk;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/** "Hello" / "what can you do": the menu. */
public final class Greeting implements Capability {

    @Override
    public String id() {
        return "greeting";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return turn.sayThenMenu("greeting.reply");
    }
}
