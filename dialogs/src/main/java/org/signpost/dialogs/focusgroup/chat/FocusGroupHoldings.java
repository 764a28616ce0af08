package org.signpost.dialogs.focusgroup.chat;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Turn;

/** The focus-group part of "what do you hold about me": each sign-up held for this person, as stored. */
public final class FocusGroupHoldings implements Holdings {

    private static final DateTimeFormatter CONSENTED = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK)
            .withZone(Session.LONDON);

    private final FocusGroupStore store;

    public FocusGroupHoldings(FocusGroupStore store) {
        this.store = store;
    }

    @Override
    public List<String> describe(Turn turn) {
        if (People.refusal(turn).isPresent()) {
            // only a sender the channel vouches for is told what is held under their address
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (FocusGroupStore.Held held : store.heldFor(People.address(turn).orElseThrow())) {
            store.session(held.attendee().signUp().sessionId()).ifPresent(session -> {
                Map<String, String> values = new LinkedHashMap<>(People.session(session));
                values.put("name", held.attendee().signUp().displayName());
                values.put("contact", held.attendee().signUp().contact());
                values.put("consented", CONSENTED.format(held.attendee().signUp().consentedAt()));
                values.put("deleted", CONSENTED.format(session.retentionEndsAt()));
                lines.add(turn.wording().text(held.seated() ? "focusgroup.held.place" : "focusgroup.held.waiting", values));
            });
        }
        return lines;
    }

    public static List<String> wordingKeys() {
        return List.of("focusgroup.held.place", "focusgroup.held.waiting");
    }
}
