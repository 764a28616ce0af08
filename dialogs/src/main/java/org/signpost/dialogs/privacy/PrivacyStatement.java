package org.signpost.dialogs.privacy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Turn;

/** "What do you keep about me?": what Signpost stores, in plain words, and what it holds about this person. */
public final class PrivacyStatement implements Capability {

    private final List<Holdings> holdings;

    public PrivacyStatement() {
        this(List.of());
    }

    public PrivacyStatement(List<Holdings> holdings) {
        this.holdings = List.copyOf(holdings);
    }

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
        Card.Builder card = Card.builder().heading(turn.wording().text("privacy.title"))
                .text(turn.wording().text("privacy.body"));
        holdings.stream().flatMap(held -> held.describe(turn).stream()).forEach(card::text);
        return turn.reply().show(card.build()).menu().send();
    }
}
