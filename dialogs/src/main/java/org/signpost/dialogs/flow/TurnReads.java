package org.signpost.dialogs.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * What a turn reads of the flows, kept for that turn only: what each flow has open (read once a turn), and, for a
 * click on a flow's card, the run it names, read ahead with the turn's first call and used once.
 *
 * <p>What a flow has open is read fresh for someone who wants the flow (a click on its card, asking for it);
 * for anything else (what the menu offers, say) the store may answer from its read of a moment ago.
 */
final class TurnReads {

    /** The clicks whose first step is loading the run, which is then read ahead with the turn's first reads. */
    private static final Set<String> LOADING_FIRST = Set.of(FlowCards.START_VERB, FlowCards.ANSWER,
            FlowCards.SKIP_VERB, FlowCards.SUBMIT_VERB);

    private final Map<String, Flow> flows;
    private final Function<Flow, FlowRunStore> runs;
    private final Together together;
    private final NothingLeftMemo memo;

    TurnReads(Map<String, Flow> flows, Function<Flow, FlowRunStore> runs, Together together, NothingLeftMemo memo) {
        this.flows = flows;
        this.runs = runs;
        this.together = together;
        this.memo = memo;
    }

    /**
     * Makes {@code first} together with the reads of what each flow this person may use has open now, which
     * the menu and any click on a flow's card need later in the turn, and, for a click on a flow's card, of the
     * run it names: kept for this turn only, like every read of what is open ({@link Turn#once}). The clicked
     * flow's is read fresh, so a round HR opens or closes on any instance is seen by the next click; the others'
     * the store may answer from its read of a moment ago. The run is opened only once its instance is checked
     * open.
     */
    <T> T withOpenInstances(Turn turn, Together.Call<T> first) {
        Together.Batch batch = together.batch();
        Together.Result<T> firstResult = batch.add(first);
        Map<Flow, Together.Result<List<String>>> open = new LinkedHashMap<>();
        Optional<Flow> wanted = turn.fromCard() ? turn.submitted(CardKeys.ACTION).map(flows::get) : Optional.empty();
        flows.values().stream().filter(flow -> mayUse(flow, turn))
                .forEach(flow -> open.put(flow, batch.add(wanted.filter(flow::equals).isPresent()
                        ? flow.openInstancesCall() : flow.recentOpenInstancesCall())));
        Optional<ClickedRun> clicked = clickedRun(turn);
        Optional<Together.Result<Supplier<Optional<FlowRun>>>> ahead = clicked
                .map(run -> batch.add(runs.apply(run.flow()).loadAheadCall(run.instance(), turn.conversationKey())));
        batch.make();
        open.forEach((flow, instances) -> OpenInstances.keep(flow, turn, instances.get(),
                wanted.filter(flow::equals).isPresent()));
        clicked.ifPresent(run -> turn.putAhead(runAhead(run.flow(), run.instance()), ahead.get().get()));
        return firstResult.get();
    }

    /**
     * A click on a flow's card whose first step is loading its run, from a person who may use the flow and
     * whom it does not refuse: that run, to read ahead.
     */
    private Optional<ClickedRun> clickedRun(Turn turn) {
        if (!turn.fromCard()) {
            return Optional.empty();
        }
        Optional<Flow> flow = turn.submitted(CardKeys.ACTION).map(flows::get);
        Click click = Click.of(turn);
        if (flow.isEmpty() || click.instance().isEmpty() || !LOADING_FIRST.contains(click.verb())
                || !mayUse(flow.get(), turn) || flow.get().refusal(turn).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ClickedRun(flow.get(), click.instance().get()));
    }

    private record ClickedRun(Flow flow, String instance) {
    }

    private static String runAhead(Flow flow, String instance) {
        return "flow.run." + flow.id() + "/" + instance;
    }

    /**
     * The run, as read ahead with the turn's first reads when this click's was (once: a later load, after a
     * save lost a race, reads it again), else from the store.
     */
    Optional<FlowRun> load(Flow flow, Turn turn, String instance) {
        Optional<Supplier<Optional<FlowRun>>> ahead = turn.takeAhead(runAhead(flow, instance));
        return ahead.isPresent() ? ahead.get().get() : runs.apply(flow).load(instance, turn.conversationKey());
    }

    /**
     * Whether a run of any flow could be in progress for this person, known without a read: one they may take part in
     * (a role it asks for, not refused, cards where it needs them) has an instance open (as read once in this turn),
     * and a run is only ever current while its instance is open.
     */
    boolean mayBeInProgress(Turn turn) {
        for (Flow flow : flows.values()) {
            if (couldTakePart(flow, turn) && !OpenInstances.read(flow, turn).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Whether this person could take part in the flow here: its role, no refusal, cards where it needs them. */
    private static boolean couldTakePart(Flow flow, Turn turn) {
        return mayUse(flow, turn) && (!flow.cardsRequired() || turn.cardsSupported()) && flow.refusal(turn).isEmpty();
    }

    /**
     * Whether nothing is left for this person in every instance of the flow open now (a round they answered, every
     * session signed up for), so that the menu does not offer it: as this turn read it already (a begin, a submit),
     * or as this instance read or learnt it a moment ago ({@link NothingLeftMemo}), else read now with the same
     * question about every other flow on the menu, in one round trip. False for a flow with nothing open, or that
     * this person cannot take part in (the menu still offers it, and it says why not).
     */
    boolean nothingLeft(Flow flow, Turn turn) {
        List<String> open = OpenInstances.read(flow, turn);
        if (open.isEmpty() || !couldTakePart(flow, turn)) {
            return false;
        }
        if (!open.stream().allMatch(instance -> known(turn, leftKey(flow, instance)).isPresent())) {
            Together.Batch batch = together.batch();
            MenuReads menu = addMenuReads(batch, turn);
            batch.make();
            menu.keep();
        }
        return open.stream().allMatch(instance -> known(turn, leftKey(flow, instance)).orElse(false));
    }

    /**
     * Adds to the batch what the menu asks that is not known (read in this turn, or kept a moment ago): whether anything
     * is left for this person in each open instance of each flow on their menu. Kept for this turn, and for the
     * moment after, once the batch is made ({@link MenuReads#keep}).
     */
    MenuReads addMenuReads(Together.Batch batch, Turn turn) {
        return addMenuReads(batch, turn, flow -> true);
    }

    /** The same, of the flows {@code which} names only. */
    MenuReads addMenuReads(Together.Batch batch, Turn turn, Predicate<Flow> which) {
        Map<String, Together.Result<Boolean>> added = new LinkedHashMap<>();
        for (Flow flow : flows.values()) {
            if (!which.test(flow) || !couldTakePart(flow, turn)) {
                continue;
            }
            List<String> open = OpenInstances.read(flow, turn);
            if (!flow.onMenu(open)) {
                continue;
            }
            for (String instance : open) {
                String key = leftKey(flow, instance);
                if (known(turn, key).isEmpty() && !added.containsKey(key)) {
                    added.put(key, batch.add(flow.completion().nothingLeftCall(turn, instance)));
                }
            }
        }
        return new MenuReads(this, turn, added);
    }

    /** The menu's reads added to a batch: kept once it is made. */
    record MenuReads(TurnReads reads, Turn turn, Map<String, Together.Result<Boolean>> added) {
        void keep() {
            added.forEach((key, read) -> reads.keep(turn, key, read.get()));
        }
    }

    /** Whether nothing is left for this person in the instance, as read (or learnt) in this turn. */
    void keepNothingLeft(Flow flow, Turn turn, String instance, boolean nothingLeft) {
        keep(turn, leftKey(flow, instance), nothingLeft);
    }

    /** What is left for this person in the instance changed in this turn, not known how: the menu asks again. */
    void forgetNothingLeft(Flow flow, Turn turn, String instance) {
        String key = leftKey(flow, instance);
        left(turn).remove(key);
        memo.forget(turn, key);
    }

    private void keep(Turn turn, String key, boolean nothingLeft) {
        left(turn).put(key, nothingLeft);
        memo.keep(turn, key, nothingLeft);
    }

    /** As read or learnt in this turn, else as kept a moment ago (then kept for this turn too). */
    private Optional<Boolean> known(Turn turn, String key) {
        Map<String, Boolean> known = left(turn);
        Boolean read = known.get(key);
        if (read != null) {
            return Optional.of(read);
        }
        Optional<Boolean> kept = memo.recall(turn, key);
        kept.ifPresent(value -> known.put(key, value));
        return kept;
    }

    private static Map<String, Boolean> left(Turn turn) {
        return turn.once("flow.left", ConcurrentHashMap::new);
    }

    private static String leftKey(Flow flow, String instance) {
        return NothingLeftMemo.fact(flow.id(), instance);
    }

    /** Whether the person has a role the flow asks for (or it asks for none), as its menu item does. */
    static boolean mayUse(Flow flow, Turn turn) {
        return flow.roles().isEmpty() || flow.roles().stream().anyMatch(turn.roles()::contains);
    }
}
