package org.signpost.dialogs.privacy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/** "What do you keep about me?": what Signpost stores, in plain words, and what it holds about this person. */
public final class PrivacyStatement implements Capability {

    public static final String ID = "privacy";

    private final List<Holdings> holdings;
    private final Together together;

    public PrivacyStatement() {
        this(List.of());
    }

    public PrivacyStatement(List<Holdings> holdings) {
        this(holdings, Together.oneByOne());
    }

    /** {@code together} makes every holding's reads, and the menu's, in one go where the store can. */
    public PrivacyStatement(List<Holdings> holdings, Together together) {
        this.holdings = List.copyOf(holdings);
        this.together = together;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean onMenu() {
        return true;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        Together.Batch batch = together.batch();
        List<Supplier<List<String>>> described = holdings.stream().map(held -> held.describeWith(turn, batch)).toList();
        Runnable menu = turn.addMenuReads(batch);
        batch.make();
        menu.run();
        Card.Builder card = Card.builder().heading(turn.wording().text("privacy.title"))
                .text(turn.wording().text("privacy.body"));
        described.stream().flatMap(held -> held.get().stream()).forEach(card::text);
        return turn.reply().show(card.build()).menu().send();
    }
}
