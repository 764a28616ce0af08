package org.signpost.dialogs.chat;

import com.microsoft.bot.schema.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The capabilities a person can choose from: buttons on a card, or keywords in plain text. */
final class Menu {

    private final List<Capability> items;

    Menu(List<Capability> capabilities) {
        this.items = capabilities.stream().filter(Capability::onMenu).toList();
    }

    /** Every wording key the menu asks for. */
    Set<String> wordingKeys() {
        Set<String> keys = new TreeSet<>(List.of("menu.title", "menu.plainTextHint"));
        for (Capability item : items) {
            keys.add("menu." + item.id());
            keys.add("menu." + item.id() + ".keyword");
        }
        return keys;
    }

    Activity render(Turn turn) {
        String title = turn.wording().text("menu.title");
        AdaptiveCard card = new AdaptiveCard().text(title);
        List<String> plain = new ArrayList<>(List.of(title, turn.wording().text("menu.plainTextHint")));
        for (Capability item : items.stream().filter(item -> item.availableTo(turn)).toList()) {
            String label = turn.wording().text("menu." + item.id());
            card.submit(label, item.id());
            plain.add("- " + turn.wording().text("menu." + item.id() + ".keyword") + ": " + label);
        }
        return turn.cardOrText(card, String.join("\n", plain));
    }
}
