package org.signpost.dialogs.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.SupportSignpost;
import org.signpost.dialogs.kernel.Turn;

/** "Help" / "support": the support card at any time, then the menu; and the signposting the conversation shows first. */
public final class SupportCapability implements Capability, SupportSignpost {

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
        return turn.reply().show(card(turn)).menu().send();
    }

    @Override
    public List<Card> card(Turn turn) {
        if (turn.supportShown()) {
            return List.of();
        }
        turn.markSupportShown();
        return List.of(card.render(turn));
    }

    @Override
    public Card urgentCard(Turn turn, String category) {
        return card.renderUrgent(turn, category);
    }
}
