package org.signpost.dialogs.chat;

import java.util.concurrent.CompletableFuture;

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
