package org.signpost.dialogs.smalltalk;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/**
 * "Bye", "see you later": a short farewell. Without it a farewell read as whatever was nearest ("bye for now" as
 * cancel, which ended a survey in progress; "see you later" as privacy).
 */
public final class Goodbye implements Capability {

    @Override
    public String id() {
        return "goodbye";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return turn.say("goodbye.reply");
    }
}
