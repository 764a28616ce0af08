package org.signpost.dialogs.announcement;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Turn;

/** Learning and resources: the learning directory, the employer's entries first. */
public final class Learning implements Capability {

    public static final String ID = "learning";
    private static final String WEBSITE = "support.website";

    private final LearningDirectory directory;

    public Learning(LearningDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean onMenu() {
        return true;
    }

    public Set<String> wordingKeys() {
        Set<String> keys = new TreeSet<>(List.of("announcement.learning.title", "announcement.learning.none", WEBSITE));
        keys.addAll(directory.wordingKeys());
        return keys;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        Wording wording = turn.wording();
        if (directory.listed().isEmpty()) {
            return turn.sayThenMenu("announcement.learning.none");
        }
        // the directory in this language, nothing of the person: rendered once and kept
        Card.Builder card = Card.builder().sameForEveryone().heading(wording.text("announcement.learning.title"));
        for (LearningDirectory.Resource resource : directory.listed()) {
            card.add(new Card.Entry(wording.text(resource.nameKey()),
                    // labelled as the support card's links are: the name again read "See Me: See Me"
                    List.of(Card.Way.link(wording.text(WEBSITE), resource.website())),
                    wording.text(resource.descriptionKey())));
        }
        return turn.send(card.build());
    }
}
