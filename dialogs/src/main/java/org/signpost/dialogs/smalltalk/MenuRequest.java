package org.signpost.dialogs.smalltalk;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Turn;

/** "Menu": just the menu. */
public final class MenuRequest implements Capability {

    @Override
    public String id() {
        return "menu";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return turn.showMenu();
    }
}
