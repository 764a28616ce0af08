package org.signpost.dialogs.focusgroup.chat;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.FlowRunStore;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.kernel.Holdings;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * The focus-group part of "what do you hold about me": each sign-up held for this person, as stored, and a sign-up
 * begun in this chat and not finished (its choices sealed in the flow's run, never repeated here). Both are read
 * together: one round trip where the store can.
 */
public final class FocusGroupHoldings implements Holdings {

    static final String UNFINISHED = "focusgroup.held.unfinished";
    private static final DateTimeFormatter CONSENTED = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK)
            .withZone(Session.LONDON);

    private final FocusGroupStore store;
    private final FlowRunStore runs;
    private final Together together;

    /** @param runs the sign-up flow's runs (the engine's store for {@link FocusGroupFlow#ID}) */
    public FocusGroupHoldings(FocusGroupStore store, FlowRunStore runs, Together together) {
        this.store = store;
        this.runs = runs;
        this.together = together;
    }

    @Override
    public List<String> describe(Turn turn) {
        Together.Batch batch = together.batch();
        Supplier<List<String>> described = describeWith(turn, batch);
        batch.make();
        return described.get();
    }

    @Override
    public Supplier<List<String>> describeWith(Turn turn, Together.Batch batch) {
        Together.Result<Supplier<Optional<FlowRun>>> unfinished = batch.add(runs.loadAheadCall(FocusGroupFlow.OPEN,
                turn.conversationKey()));
        // only a sender the channel vouches for is told what is held under their address
        Optional<Together.Result<List<FocusGroupStore.Held>>> held = People.refusal(turn).isPresent() ? Optional.empty()
                : Optional.of(batch.add(store.heldForCall(People.address(turn).orElseThrow())));
        return () -> lines(turn, held.map(Together.Result::get).orElse(List.of()), unfinished.get().get().isPresent());
    }

    private List<String> lines(Turn turn, List<FocusGroupStore.Held> held, boolean unfinished) {
        List<String> lines = new ArrayList<>();
        for (FocusGroupStore.Held one : held) {
            store.session(one.attendee().signUp().sessionId()).ifPresent(session -> {
                Map<String, String> values = new LinkedHashMap<>(People.session(session));
                values.put("name", one.attendee().signUp().displayName());
                values.put("contact", one.attendee().signUp().contact());
                values.put("consented", CONSENTED.format(one.attendee().signUp().consentedAt()));
                values.put("deleted", CONSENTED.format(session.retentionEndsAt()));
                lines.add(turn.wording().text(one.seated() ? "focusgroup.held.place" : "focusgroup.held.waiting", values));
            });
        }
        if (unfinished) {
            lines.add(turn.wording().text(UNFINISHED));
        }
        return lines;
    }

    public static List<String> wordingKeys() {
        return List.of("focusgroup.held.place", "focusgroup.held.waiting", UNFINISHED);
    }
}
