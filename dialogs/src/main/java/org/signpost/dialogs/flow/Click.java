package org.signpost.dialogs.flow;

import java.util.Optional;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Turn;

/** What the person pressed: a card button's verb, with the card's inputs. */
record Click(String verb, Optional<String> instance, Optional<String> step, Optional<String> answer,
        Optional<String> freeText) {

    static Click of(Turn turn) {
        if (!turn.fromCard()) {
            return new Click(FlowCards.BEGIN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new Click(turn.submitted(CardKeys.VERB).orElse(FlowCards.BEGIN), turn.submitted(CardKeys.INSTANCE),
                turn.submitted(CardKeys.STEP), turn.submitted(CardKeys.ANSWER), turn.submitted(CardKeys.FREE_TEXT));
    }

    /** The open instance the click names; a closed, unknown or forged instance names none. */
    Optional<String> openInstance(Flow flow, Turn turn) {
        return instance.filter(OpenInstances.readFresh(flow, turn)::contains);
    }
}
