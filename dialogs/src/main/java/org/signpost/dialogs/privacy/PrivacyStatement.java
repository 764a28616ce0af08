package org.signpost.dialogs.privacy;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Turn;

/** "What do you keep about me?": what Signpost stores, in plain words. */
public final class PrivacyStatement implements Capability {

    @Override
    public String id() {
        return "privacy";
    }

    @Override
    public boolean onMenu() {
        return true;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        Card card = Card.builder().heading(turn.wording().text("privacy.title"))
                .text(turn.wording().text("privacy.body")).build();
        return turn.send(card).thenCompose(sent -> turn.showMenu());
    }
}
