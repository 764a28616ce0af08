package org.signpost.dialogs.focusgroup.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.signpost.dialogs.flow.NothingLeftMemo;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SignUpEvents;
import org.signpost.dialogs.focusgroup.Withdrawal;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Card;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * "Withdraw" / "cancel my focus group": shows the person's sign-ups, each with its own button; pressing one
 * removes it at once, and a freed place goes to the first on the waiting list, who is told. A button can
 * only ever remove the presser's own sign-up: the store finds it by their address, never by the card.
 */
public final class FocusGroupWithdrawal implements Capability {

    public static final String ID = "focusgroup-withdraw";

    private final FocusGroups groups;
    private final SignUpEvents events;
    private final Together together;
    private final NothingLeftMemo memo;

    public FocusGroupWithdrawal(FocusGroups groups, SignUpEvents events) {
        this(groups, events, Together.oneByOne(), NothingLeftMemo.NONE);
    }

    /**
     * {@code together} reads the sign-ups with what the menu asks; {@code memo} is told of a withdrawal, which changes
     * what the sign-up flow has left for the person.
     */
    public FocusGroupWithdrawal(FocusGroups groups, SignUpEvents events, Together together, NothingLeftMemo memo) {
        this.groups = groups;
        this.events = events;
        this.together = together;
        this.memo = memo;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Its menu item only stands in for joining, but the receipt and "what do you keep" tell anyone with a sign-up
     * to type "withdraw": that word is this item whatever the model makes of it (with nothing held, it says so).
     */
    @Override
    public boolean takesKeyword(Turn turn) {
        return true;
    }

    @Override
    public CompletableFuture<Void> handle(Turn turn) {
        Optional<String> refusal = People.refusal(turn);
        if (refusal.isPresent()) {
            return turn.sayThenMenu(refusal.get());
        }
        Address address = People.address(turn).orElseThrow();
        Optional<String> pressed = turn.fromCard() ? turn.submitted(CardKeys.INSTANCE) : Optional.empty();
        if (pressed.isPresent()) {
            return withdraw(turn, pressed.get(), address);
        }
        FocusGroupStore store = groups.store();
        // with what the menu asks, which "none held" shows (one round trip)
        Together.Batch batch = together.batch();
        Together.Result<List<FocusGroupStore.Held>> read = batch.add(store.heldForCall(address));
        Runnable menu = turn.addMenuReads(batch);
        batch.make();
        menu.run();
        List<Session> held = read.get().stream()
                .flatMap(h -> store.session(h.attendee().signUp().sessionId()).stream()).toList();
        if (held.isEmpty()) {
            return turn.sayThenMenu("focusgroup.withdraw.none");
        }
        Card.Builder card = Card.builder().text(turn.wording().text("focusgroup.withdraw.choose"));
        for (Session session : held) {
            card.submitWithoutInputs(turn.wording().text("focusgroup.withdraw.button", People.session(session)),
                    Map.of(CardKeys.ACTION, ID, CardKeys.INSTANCE, session.id()));
        }
        return turn.send(card.build());
    }

    private CompletableFuture<Void> withdraw(Turn turn, String sessionId, Address address) {
        Optional<Session> session = groups.store().session(sessionId);
        Withdrawal withdrawal = session.isPresent() ? groups.withdraw(sessionId, address) : Withdrawal.nothing();
        if (!withdrawal.removed()) {
            return turn.sayThenMenu("focusgroup.withdraw.none");
        }
        events.record(SignUpEvents.Outcome.WITHDRAWN);
        // a session freed: the sign-up flow may offer it again, which the menu asks afresh
        memo.forget(turn, NothingLeftMemo.fact(FocusGroupFlow.ID, FocusGroupFlow.OPEN));
        return turn.reply().say("focusgroup.withdrawn", People.session(session.get())).menu().send();
    }

    public static List<String> wordingKeys() {
        // its menu item is shown in place of "Join a focus group" to someone signed up for every session
        return List.of("focusgroup.withdraw.none", "focusgroup.withdraw.choose", "focusgroup.withdraw.button",
                "focusgroup.withdrawn", "menu." + ID, "menu." + ID + ".keyword");
    }
}
