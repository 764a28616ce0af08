package org.signpost.dialogs.announcement;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.kernel.Capability;

/** A conversation starter, one of the content's, with a button for another. Nothing is kept. */
public final class ConversationStarter implements Capability {

    public static final String ID = "conversation-starter";

    private final List<String> starters;
    private final RandomGenerator random;

    public ConversationStarter(AnnouncementContent content, RandomGenerator random) {
        this.starters = content.starters();
        this.random = random;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        String starter = starters.get(random.nextInt(starters.size()));
        return turn.send(Card.builder().heading(turn.wording().text("announcement.starter.title"))
                .text(turn.wording().text(AnnouncementContent.starterKey(starter)))
                .choice(turn.wording().text("announcement.starter.another"), Map.of(CardKeys.ACTION, ID),
                        turn.wording().text("announcement.action." + ID + ".keyword"))
                .build());
    }
}
