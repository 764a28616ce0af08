package org.signpost.dialogs.chat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** "Cancel" / "stop": ends whatever the person is in the middle of, or says there is nothing to cancel. */
public final class Cancel implements Capability {

    /** Something a person can be in the middle of. */
    public interface Cancellable {
        /** Cancels it if the person is in the middle of it, and gives the wording key that says so. */
        Optional<String> cancel(Turn turn);
    }

    private final List<Cancellable> cancellables;

    public Cancel(List<Cancellable> cancellables) {
        this.cancellables = List.copyOf(cancellables);
    }

    @Override
    public String id() {
        return "cancel";
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        String said = cancellables.stream().map(c -> c.cancel(turn)).flatMap(Optional::stream).findFirst()
                .orElse("cancel.nothing");
        return turn.say(said).thenCompose(done -> turn.showMenu());
    }
}
