package org.signpost.dialogs.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.signpost.dialogs.content.Wording;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.Turn;
import org.signpost.dialogs.support.SupportDirectory.Kind;
import org.signpost.dialogs.support.SupportDirectory.Service;

/** Where to get support: the employer's own services where configured, then the national ones. */
public final class SupportCard {

    /** The category whose card is the general one. */
    public static final String GENERAL = "general";

    private final SupportDirectory directory;

    public SupportCard(SupportDirectory directory) {
        this.directory = directory;
    }

    /** Where the listed services come from, for messages that name it. */
    public String source() {
        return directory.origin();
    }

    /** Every wording key these cards ask for, so that missing wording stops start-up, not a conversation. */
    public Set<String> wordingKeys() {
        Set<String> keys = new TreeSet<>(List.of("support.title", "support.intro", "support.notMonitored",
                "support.urgent.title", "support.urgent.intro", "support.urgent.automated", "support.phone",
                "support.text", "support.website"));
        for (Service service : directory.listed()) {
            keys.add("support." + service.kind().name().toLowerCase(Locale.ROOT) + ".heading");
            keys.add("support.service." + service.id() + ".name");
            keys.add("support.service." + service.id() + ".description");
        }
        return keys;
    }

    public Card render(Turn turn) {
        Wording wording = turn.wording();
        Card.Builder card = Card.builder().heading(wording.text("support.title")).text(wording.text("support.intro"));
        for (Kind kind : List.of(Kind.EMPLOYER, Kind.NATIONAL)) {
            List<Service> services = directory.listed(kind);
            if (services.isEmpty()) {
                continue;
            }
            card.subheading(wording.text("support." + kind.name().toLowerCase(Locale.ROOT) + ".heading"));
            for (Service service : services) {
                card.add(new Card.Entry(wording.text("support.service." + service.id() + ".name"),
                        ways(service, wording), wording.text("support.service." + service.id() + ".description")));
            }
        }
        return card.note(wording.text("support.notMonitored")).build();
    }

    /** The card for someone who may be in crisis: the services to reach now, emergency first. */
    public Card renderUrgent(Turn turn) {
        return renderUrgent(turn, GENERAL);
    }

    /**
     * The urgent card for a category of {@code nlp/crisis-scope.yaml}: its title, introduction and advice
     * come from {@code support.urgent.<category>.*} where the wording has them (worry about someone else
     * says how to help them), else from the general {@code support.urgent.*}.
     */
    public Card renderUrgent(Turn turn, String category) {
        Wording wording = turn.wording();
        Card.Builder card = Card.builder().heading(wording.text(urgentKey(wording, category, "title")))
                .text(wording.text(urgentKey(wording, category, "intro")));
        String advice = "support.urgent." + category + ".advice";
        if (wording.has(advice)) {
            card.text(wording.text(advice));
        }
        for (Service service : directory.urgent()) {
            card.add(new Card.Entry(wording.text("support.service." + service.id() + ".name"), ways(service, wording),
                    null));
        }
        return card.note(wording.text("support.urgent.automated")).build();
    }

    private static String urgentKey(Wording wording, String category, String part) {
        String specific = "support.urgent." + category + "." + part;
        return wording.has(specific) ? specific : "support.urgent." + part;
    }

    private static List<Card.Way> ways(Service service, Wording wording) {
        List<Card.Way> ways = new ArrayList<>();
        if (Service.present(service.phone())) {
            ways.add(Card.Way.text(wording.text("support.phone", Map.of("number", service.phone()))));
        }
        if (Service.present(service.text())) {
            ways.add(Card.Way.text(wording.text("support.text", Map.of("number", service.text()))));
        }
        if (Service.present(service.website())) {
            ways.add(Card.Way.link(wording.text("support.website"), service.website()));
        }
        return ways;
    }
}
