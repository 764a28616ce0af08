package org.signpost.dialogs.support;

import com.microsoft.bot.schema.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.signpost.dialogs.chat.AdaptiveCard;
import org.signpost.dialogs.chat.Turn;
import org.signpost.dialogs.content.Wording;
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

    public Activity render(Turn turn) {
        Wording wording = turn.wording();
        AdaptiveCard card = new AdaptiveCard().heading(wording.text("support.title"))
                .text(wording.text("support.intro"));
        List<String> plain = new ArrayList<>();
        plain.add(wording.text("support.title"));
        plain.add(wording.text("support.intro"));
        for (Kind kind : List.of(Kind.EMPLOYER, Kind.NATIONAL)) {
            List<Service> services = directory.listed(kind);
            if (services.isEmpty()) {
                continue;
            }
            String heading = wording.text("support." + kind.name().toLowerCase(Locale.ROOT) + ".heading");
            card.subheading(heading);
            plain.add("");
            plain.add(heading);
            for (Service service : services) {
                String name = wording.text("support.service." + service.id() + ".name");
                String description = wording.text("support.service." + service.id() + ".description");
                card.text("**" + name + "**: " + contact(service, wording, true) + "  \n" + description);
                plain.add("- " + name + ": " + contact(service, wording, false) + ". " + description);
            }
        }
        String notMonitored = wording.text("support.notMonitored");
        card.subtleText(notMonitored);
        plain.add("");
        plain.add(notMonitored);
        return turn.cardOrText(card, String.join("\n", plain));
    }

    /** The card for someone who may be in crisis: the services to reach now, emergency first. */
    public Activity renderUrgent(Turn turn) {
        return renderUrgent(turn, GENERAL);
    }

    /**
     * The urgent card for a category of {@code nlp/crisis-scope.yaml}: its title, introduction and advice
     * come from {@code support.urgent.<category>.*} where the wording has them (worry about someone else
     * says how to help them), else from the general {@code support.urgent.*}.
     */
    public Activity renderUrgent(Turn turn, String category) {
        Wording wording = turn.wording();
        String title = wording.text(urgentKey(wording, category, "title"));
        String intro = wording.text(urgentKey(wording, category, "intro"));
        AdaptiveCard card = new AdaptiveCard().heading(title).text(intro);
        List<String> plain = new ArrayList<>(List.of(title, intro));
        String advice = "support.urgent." + category + ".advice";
        if (wording.has(advice)) {
            card.text(wording.text(advice));
            plain.add(wording.text(advice));
        }
        for (Service service : directory.urgent()) {
            String name = wording.text("support.service." + service.id() + ".name");
            card.text("**" + name + "**: " + contact(service, wording, true));
            plain.add("- " + name + ": " + contact(service, wording, false));
        }
        card.subtleText(wording.text("support.urgent.automated"));
        plain.add(wording.text("support.urgent.automated"));
        return turn.cardOrText(card, String.join("\n", plain));
    }

    private static String urgentKey(Wording wording, String category, String part) {
        String specific = "support.urgent." + category + "." + part;
        return wording.has(specific) ? specific : "support.urgent." + part;
    }

    private static String contact(Service service, Wording wording, boolean markdown) {
        List<String> ways = new ArrayList<>();
        if (Service.present(service.phone())) {
            ways.add(wording.text("support.phone", Map.of("number", service.phone())));
        }
        if (Service.present(service.text())) {
            ways.add(wording.text("support.text", Map.of("number", service.text())));
        }
        if (Service.present(service.website())) {
            ways.add(markdown
                    ? "[" + wording.text("support.website") + "](" + service.website() + ")"
                    : service.website());
        }
        return String.join(markdown ? " · " : ", ", ways);
    }
}
