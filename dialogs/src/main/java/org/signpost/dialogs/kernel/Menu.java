package org.signpost.dialogs.kernel;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.dialogs.content.Wording;

/** The capabilities a person can choose from: buttons on a card, or keywords in plain text. */
public final class Menu {

    /** Languages times the combinations of what is on a menu; past this the memory starts again. */
    static final int KEPT_MENUS = 64;

    private final List<Capability> items;
    private final Map<String, Integer> positions = new HashMap<>();
    /**
     * Each menu built once: its card is the same for every turn in that language offering the same items (it holds
     * only wording), and building it looked up and copied every label on every turn. The key is the wording and
     * which items are offered, nothing of the person.
     */
    private final Map<Shown, Card> built = new ConcurrentHashMap<>();

    private record Shown(Wording wording, BitSet items) {
    }

    public Menu(List<Capability> capabilities) {
        this.items = List.copyOf(capabilities);
        for (int i = 0; i < items.size(); i++) {
            positions.putIfAbsent(items.get(i).id(), i);
        }
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

    /**
     * Only what this person may use, and only what is there now (a flow with nothing open is not), as it is for them
     * (a flow with nothing left for them is what they can do instead, or nothing).
     */
    Card render(Turn turn) {
        BitSet shown = new BitSet(items.size());
        for (Capability item : items) {
            if (item.availableTo(turn) && item.onMenu(turn)) {
                item.shownAs(turn).map(positions::get).filter(i -> items.get(i).availableTo(turn))
                        .ifPresent(shown::set);
            }
        }
        Shown key = new Shown(turn.wording(), shown);
        Card known = built.get(key);
        if (known != null) {
            return known;
        }
        Card card = build(turn.wording(), shown);
        if (built.size() >= KEPT_MENUS) {
            built.clear();
        }
        built.put(key, card);
        return card;
    }

    /** What rendering the menu would ask of the store and is not known, added to a batch; what keeps it once made. */
    Runnable addReads(Turn turn, Together.Batch batch) {
        List<Runnable> keep = new ArrayList<>();
        for (Capability item : items) {
            if (item.availableTo(turn) && item.onMenu(turn)) {
                keep.add(item.addShownAsReads(turn, batch));
            }
        }
        return () -> keep.forEach(Runnable::run);
    }

    private Card build(Wording wording, BitSet shown) {
        // only wording: the same for everyone offered these items in this language, so its JSON is kept too
        Card.Builder card = Card.builder().sameForEveryone().text(wording.text("menu.title"))
                .add(new Card.TypingHint(wording.text("menu.plainTextHint")));
        for (int i = shown.nextSetBit(0); i >= 0; i = shown.nextSetBit(i + 1)) {
            Capability item = items.get(i);
            card.choice(wording.text("menu." + item.id()), Map.of(CardKeys.ACTION, item.id()),
                    wording.text("menu." + item.id() + ".keyword"));
        }
        return card.build();
    }

    /** How many menus are kept now (for tests). */
    int kept() {
        return built.size();
    }
}
