package org.signpost.dialogs.kernel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The capabilities a person can choose from: buttons on a card, or keywords in plain text. */
public final class Menu {

    private final List<Capability> items;

    public Menu(List<Capability> capabilities) {
        this.items = List.copyOf(capabilities);
    }

    /** Every wording key the menu asks for, as it is now. */
    public Set<String> wordingKeys() {
        Set<String> keys = new TreeSet<>(List.of("menu.title", "menu.plainTextHint"));
        for (Capability item : items.stream().filter(Capability::onMenu).toList()) {
            keys.add("menu." + item.id());
            keys.add("menu." + item.id() + ".keyword");
        }
        return keys;
    }

    /** Only what this person may use, and only what is there now (a flow with nothing open is not). */
    Card render(Turn turn) {
        Card.Builder card = Card.builder().text(turn.wording().text("menu.title"))
                .add(new Card.TypingHint(turn.wording().text("menu.plainTextHint")));
        for (Capability item : items.stream().filter(item -> item.availableTo(turn) && item.onMenu(turn)).toList()) {
            card.choice(turn.wording().text("menu." + item.id()), Map.of(CardKeys.ACTION, item.id()),
                    turn.wording().text("menu." + item.id() + ".keyword"));
        }
        return card.build();
    }
}
