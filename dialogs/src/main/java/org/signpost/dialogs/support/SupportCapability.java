package org.signpost.dialogs.support;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.chat.Capability;
import org.signpost.dialogs.chat.Turn;

/** "Help" / "support": the support card at any time, then the menu. */
public final class SupportCapability implements Capability {

    private final SupportCard card;

    public SupportCapability(SupportCard card) {
        this.card = card;
    }

    @Override
    public String id() {
        return "support";
    }

    @Override
    public boolean onMenu() {
        return true;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        return showCard(turn).thenCompose(shown -> turn.showMenu());
    }

    /** The card, unless this turn already showed it. */
    public CompletableFuture<Void> showCard(Turn turn) {
        if (turn.supportShown()) {
            return CompletableFuture.completedFuture(null);
        }
        turn.markSupportShown();
        return turn.send(card.render(turn));
    }
}
