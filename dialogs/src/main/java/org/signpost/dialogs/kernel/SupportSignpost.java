package org.signpost.dialogs.kernel;

import java.util.List;

/** Port: where to get support, which the conversation shows first and in a crisis; the support feature implements it. */
public interface SupportSignpost {

    /**
     * What to show of the general card: the card, or nothing when this turn already showed it (or the
     * urgent card); asking counts as showing it.
     */
    List<Card> card(Turn turn);

    /** The urgent card for a crisis category of {@code nlp/crisis-scope.yaml}. */
    Card urgentCard(Turn turn, String category);
}
