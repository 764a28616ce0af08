package org.signpost.dialogs.privacy;

import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.chat.AdaptiveCard;
import org.signpost.dialogs.chat.Capability;
import org.signpost.dialogs.chat.Turn;

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
        String title = turn.wording().text("privacy.title");
        String body = turn.wording().text("privacy.body");
        return turn.send(turn.cardOrText(new AdaptiveCard().heading(title).text(body), title + "\n" + body))
                .thenCompose(sent -> turn.showMenu());
    }
}
