package org.signpost.dialogs.kernel;

import java.util.concurrent.CompletableFuture;

/** Port: where to get support, which the conversation shows first and in a crisis; the support feature implements it. */
public interface SupportSignpost {

    /** The general card, unless this turn already showed it. */
    CompletableFuture<Void> showCard(Turn turn);

    /** The urgent card for a crisis category of {@code nlp/crisis-scope.yaml}. */
    Card urgentCard(Turn turn, String category);
}
