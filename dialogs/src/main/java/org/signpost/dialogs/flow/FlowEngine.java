package org.signpost.dialogs.flow;

import static org.signpost.dialogs.flow.FlowWording.ALREADY_COUNTED;
import static org.signpost.dialogs.flow.FlowWording.ALREADY_DONE;
import static org.signpost.dialogs.flow.FlowWording.CANCELLED;
import static org.signpost.dialogs.flow.FlowWording.CARDS_ONLY;
import static org.signpost.dialogs.flow.FlowWording.CHOOSE;
import static org.signpost.dialogs.flow.FlowWording.CLOSED;
import static org.signpost.dialogs.flow.FlowWording.CONSENT_NEEDED;
import static org.signpost.dialogs.flow.FlowWording.EXPIRED;
import static org.signpost.dialogs.flow.FlowWording.INVALID;
import static org.signpost.dialogs.flow.FlowWording.LATER_REPLY;
import static org.signpost.dialogs.flow.FlowWording.MAYBE_SAVED;
import static org.signpost.dialogs.flow.FlowWording.NONE_OPEN;
import static org.signpost.dialogs.flow.FlowWording.NOT_SAVED;
import static org.signpost.dialogs.flow.FlowWording.RECEIPT;
import static org.signpost.dialogs.flow.FlowWording.REFUSED;
import static org.signpost.dialogs.flow.FlowWording.REQUIRED;
import static org.signpost.dialogs.flow.FlowWording.RESUME;
import static org.signpost.dialogs.flow.FlowWording.STALE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.signpost.dialogs.flow.FlowDefinition.Step;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.CardKeys;
import org.signpost.dialogs.kernel.Reply;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * Runs every flow the same way: begin, resume, answer, skip, stale card, forged value, cancel, expiry and
 * completion, with one flow in progress per conversation. Answers come only from card data (typed text
 * only where a step says it takes it); a save is compare-and-set, so a late or second click changes
 * nothing and is told where the person is.
 */
public final class FlowEngine {

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
    }

    private final Map<String, Flow> flows;
    private final ActiveFlows active;
    private final Together together;
    private final TurnReads reads;
    /** Each flow's runs: its own store, or one of the engine's sealed stores. */
    private final Map<String, FlowRunStore> runs = new LinkedHashMap<>();
    /** The flows whose runs are in the engine's stores: the engine deletes a run once it is completed. */
    private final Set<String> inSealedStores = new TreeSet<>();

    /** {@code sealedRuns} keeps the runs of every flow that does not keep its own; each call made on its own. */
    public FlowEngine(List<Flow> flows, ActiveFlows active, FlowRunStores sealedRuns) {
        this(flows, active, sealedRuns, Together.oneByOne());
    }

    /** {@code together} makes calls that do not depend on each other in one go, where the store can. */
    public FlowEngine(List<Flow> flows, ActiveFlows active, FlowRunStores sealedRuns, Together together) {
        this.flows = flows.stream().collect(Collectors.toMap(Flow::id, Function.identity(), (a, b) -> {
            throw new IllegalStateException("Two flows with the id " + a.id());
        }, LinkedHashMap::new));
        this.active = active;
        this.together = together;
        for (Flow flow : flows) {
            Optional<FlowRunStore> own = flow.ownRuns();
            if (own.isEmpty()) {
                inSealedStores.add(flow.id());
            }
            runs.put(flow.id(), own.orElseGet(() -> sealedRuns.of(flow.id(), flow.ttl())));
        }
        this.reads = new TurnReads(this.flows, this::runs, together);
    }

    /** One capability per flow, and "cancel", which ends whichever flow is in progress. */
    public List<Capability> capabilities() {
        List<Capability> capabilities = new ArrayList<>();
        flows.values().forEach(flow -> capabilities.add(new FlowCapability(this, flow)));
        capabilities.add(new CancelFlow(this));
        return capabilities;
    }

    /** Every wording key the flows' open instances need, so that missing wording stops start-up. */
    public Set<String> wordingKeys() {
        Set<String> keys = new TreeSet<>(List.of(FlowWording.BUSY, CancelFlow.NOTHING));
        for (Flow flow : flows.values()) {
            for (String instance : flow.openInstances()) {
                keys.addAll(wordingKeys(flow.definition(instance)));
            }
        }
        return keys;
    }

    /** The wording keys one definition needs: the engine's, and its steps' and options' keys. */
    public static Set<String> wordingKeys(FlowDefinition definition) {
        Set<String> keys = new TreeSet<>(FlowWording.keys(definition.id(), FlowWording.neededBy(definition)));
        List<Text> texts = new ArrayList<>(List.of(definition.title()));
        for (Step step : definition.steps()) {
            texts.add(step.text());
            if (step.title() != null) {
                texts.add(step.title());
            }
            texts.addAll(step.statements());
            for (Text own : Arrays.asList(step.placeholder(), step.note())) {
                if (own != null) {
                    texts.add(own);
                }
            }
            step.options().forEach(option -> texts.add(option.label()));
        }
        texts.stream().map(Text::wordingKey).flatMap(Optional::stream).forEach(keys::add);
        return keys;
    }

    /**
     * Makes {@code first} together with the flows' reads a turn needs first ({@link TurnReads}): one round trip
     * where the store can.
     */
    public <T> T withOpenInstances(Turn turn, Together.Call<T> first) {
        return reads.withOpenInstances(turn, first);
    }

    /**
     * The flow in progress, when its current step takes text typed into the chat: that text is its answer.
     * Without any such step (the survey has none) the store is not even asked, nor whether such a flow is open;
     * nor for a person who may not use the flows that have one (as a card of theirs would not be taken either).
     */
    public Optional<Capability> takingTypedText(Turn turn) {
        if (turn.fromCard()) {
            return Optional.empty();
        }
        boolean any = flows.values().stream().filter(Flow::mayTakeTypedText)
                .filter(flow -> TurnReads.mayUse(flow, turn))
                .anyMatch(flow -> TurnReads.openInstances(flow, turn).stream()
                        .anyMatch(instance -> flow.definition(instance).takesTypedText()));
        if (!any) {
            return Optional.empty();
        }
        return current(turn).filter(run -> {
            Flow flow = flows.get(run.flow());
            FlowDefinition definition = flow.definition(run.instance());
            return run.next() < definition.steps().size() && definition.steps().get(run.next()).typedText();
        }).map(run -> new TypedAnswer(this, flows.get(run.flow()), run));
    }

    /** Ends the flow in progress; the wording key that says so, or empty when there was none. */
    Optional<String> cancelCurrent(Turn turn) {
        Optional<FlowRun> run = current(turn);
        active.clear(turn.conversationKey());
        run.ifPresent(r -> runs.get(r.flow()).delete(r.instance(), turn.conversationKey()));
        return run.map(r -> CANCELLED.key(r.flow()));
    }

    /** The run the conversation's pointer names, if the pointer and the run are both still there. */
    private Optional<FlowRun> current(Turn turn) {
        return current(turn, active.get(turn.conversationKey()));
    }

    /** The same, the pointer read already. */
    private Optional<FlowRun> current(Turn turn, Optional<ActiveFlows.Active> pointed) {
        return pointed.filter(pointer -> flows.containsKey(pointer.flow()))
                .filter(pointer -> TurnReads.openInstances(flows.get(pointer.flow()), turn)
                        .contains(pointer.instance()))
                .flatMap(pointer -> runs.get(pointer.flow()).load(pointer.instance(), turn.conversationKey()));
    }

    CompletableFuture<Void> handle(Flow flow, Turn turn) {
        return handle(flow, turn, Click.of(turn));
    }

    private CompletableFuture<Void> handle(Flow flow, Turn turn, Click click) {
        if (flow.cardsRequired() && !turn.cardsSupported()) {
            // a text-only chat would need typed answers, and typed text stays in the chat's history
            return turn.sayThenMenu(CARDS_ONLY.key(flow.id()));
        }
        Optional<String> refusal = flow.refusal(turn);
        if (refusal.isPresent()) {
            return turn.sayThenMenu(refusal.get());
        }
        return switch (click.verb()) {
            case FlowCards.BEGIN -> begin(flow, turn);
            case FlowCards.START_VERB -> start(flow, turn, click);
            case FlowCards.ANSWER, FlowCards.SKIP_VERB -> answer(flow, turn, click);
            case FlowCards.SUBMIT_VERB -> submit(flow, turn, click);
            case FlowCards.CANCEL_VERB -> cancel(flow, turn, click);
            case FlowCards.REFUSE_VERB -> refuse(flow, turn, click);
            case FlowCards.LATER_VERB -> turn.sayThenMenu(LATER_REPLY.key(flow.id()));
            default -> turn.sayThenMenu(INVALID.key(flow.id()));
        };
    }

    private CompletableFuture<Void> begin(Flow flow, Turn turn) {
        Optional<String> instance = TurnReads.freshOpenInstances(flow, turn).stream().findFirst();
        if (instance.isEmpty()) {
            return turn.sayThenMenu(NONE_OPEN.key(flow.id()));
        }
        // the run, whether anything is left and the flow pointer, read together (one round trip)
        Together.Batch batch = together.batch();
        Together.Result<Supplier<Optional<FlowRun>>> run = batch.add(
                runs(flow).loadAheadCall(instance.get(), turn.conversationKey()));
        Together.Result<Boolean> nothingLeft = batch.add(flow.completion().nothingLeftCall(turn, instance.get()));
        Together.Result<Optional<ActiveFlows.Active>> pointer = batch.add(active.getCall(turn.conversationKey()));
        batch.make();
        Optional<FlowRun> saved = run.get().get();
        if (saved.isPresent()) {
            return ask(turn.reply().say(RESUME.key(flow.id())), flow, turn, saved.get());
        }
        if (nothingLeft.get()) {
            return turn.sayThenMenu(ALREADY_DONE.key(flow.id()));
        }
        Optional<CompletableFuture<Void>> busy = busyElsewhere(flow, turn, pointer.get());
        if (busy.isPresent()) {
            return busy.get();
        }
        FlowDefinition definition = flow.definition(instance.get());
        if (definition.opensWithStatement()) {
            return turn.send(FlowCards.opening(flow, instance.get(), definition, turn.wording()));
        }
        return create(flow, turn, instance.get(), 0);
    }

    private CompletableFuture<Void> start(Flow flow, Turn turn, Click click) {
        Optional<String> instance = open(flow, turn, click);
        if (instance.isEmpty()) {
            return turn.sayThenMenu(CLOSED.key(flow.id()));
        }
        Optional<FlowRun> saved = reads.load(flow, turn, instance.get());
        if (saved.isPresent()) {
            // Start pressed twice, or again later: carry on where they are
            return ask(flow, turn, saved.get());
        }
        // whether anything is left and the flow pointer, read together (one round trip)
        Together.Batch batch = together.batch();
        Together.Result<Boolean> nothingLeft = batch.add(flow.completion().nothingLeftCall(turn, instance.get()));
        Together.Result<Optional<ActiveFlows.Active>> pointer = batch.add(active.getCall(turn.conversationKey()));
        batch.make();
        if (nothingLeft.get()) {
            return turn.sayThenMenu(ALREADY_DONE.key(flow.id()));
        }
        Optional<CompletableFuture<Void>> busy = busyElsewhere(flow, turn, pointer.get());
        if (busy.isPresent()) {
            return busy.get();
        }
        return create(flow, turn, instance.get(), flow.definition(instance.get()).opensWithStatement() ? 1 : 0);
    }

    private CompletableFuture<Void> create(Flow flow, Turn turn, String instance, int first) {
        FlowRun begun = FlowRun.begin(flow.id(), instance, flow.definition(instance).nextShown(first, Map.of()));
        if (!saveAndPoint(flow, turn, begun)) {
            return whereTheyAre(flow, turn, instance);
        }
        return ask(flow, turn, begun);
    }

    /**
     * Saves the run (compare-and-set) and points the conversation at it (its TTL renewed with the run's), made
     * together: one round trip. The pointer is set even when the save loses a race; it then names the run
     * another click saved, or one that is gone, which the pointer's readers treat as none ({@link ActiveFlows}).
     */
    private boolean saveAndPoint(Flow flow, Turn turn, FlowRun run) {
        Together.Batch batch = together.batch();
        Together.Result<Boolean> saved = batch.add(runs(flow).saveCall(turn.conversationKey(), run));
        batch.add(active.setCall(turn.conversationKey(), new ActiveFlows.Active(flow.id(), run.instance()),
                flow.ttl()));
        batch.make();
        return saved.get();
    }

    /** Another flow in progress here: finish or cancel it first; nothing of it is dropped. */
    private Optional<CompletableFuture<Void>> busyElsewhere(Flow flow, Turn turn,
            Optional<ActiveFlows.Active> pointer) {
        return current(turn, pointer).filter(run -> !run.flow().equals(flow.id())).map(run -> {
            Flow other = flows.get(run.flow());
            String label = turn.wording().text("menu." + other.id());
            return ask(turn.reply().say(FlowWording.BUSY, Map.of("flow", label)), other, turn, run);
        });
    }

    private CompletableFuture<Void> answer(Flow flow, Turn turn, Click click) {
        Optional<String> instance = open(flow, turn, click);
        if (instance.isEmpty()) {
            return turn.sayThenMenu(CLOSED.key(flow.id()));
        }
        Optional<FlowRun> saved = reads.load(flow, turn, instance.get());
        if (saved.isEmpty()) {
            return turn.sayThenMenu(EXPIRED.key(flow.id()));
        }
        FlowRun run = saved.get();
        FlowDefinition definition = flow.definition(instance.get());
        int index = definition.indexOf(click.step().orElse(""));
        if (index < 0) {
            return ask(turn.reply().say(INVALID.key(flow.id())), flow, turn, run);
        }
        if (index != run.next()) {
            // an earlier card clicked again, or a card from the future: nothing changes
            return ask(turn.reply().say(STALE.key(flow.id())), flow, turn, run);
        }
        Step step = definition.steps().get(index);
        String value;
        if (click.verb().equals(FlowCards.SKIP_VERB)) {
            if (!step.optional()) {
                return ask(turn.reply().say(REQUIRED.key(flow.id())), flow, turn, run);
            }
            value = FlowRun.SKIPPED;
        } else {
            Answer taken = take(flow, step, click, turn);
            if (taken.flowRefusal() != null) {
                return ask(turn.reply().say(taken.flowRefusal()), flow, turn, run);
            }
            if (taken.refusal() != null) {
                return ask(turn.reply().say(taken.refusal().key(flow.id())), flow, turn, run);
            }
            Optional<String> refused = taken.raw() == null ? Optional.empty() : flow.refuseAnswer(step, taken.raw(), turn);
            if (refused.isPresent()) {
                return ask(turn.reply().say(refused.get()), flow, turn, run);
            }
            value = taken.value();
        }
        FlowRun next = run.answer(definition, step.id(), value);
        if (!saveAndPoint(flow, turn, next)) {
            // another click (on another instance, perhaps) changed or ended it first: it stands
            return whereTheyAre(flow, turn, instance.get());
        }
        return ask(flow, turn, next);
    }

    /**
     * A value to keep (and what was given, for the flow's own check), or why not (the card is shown again):
     * the engine's refusal, or the flow's own wording key.
     */
    private record Answer(String value, FlowWording refusal, String raw, String flowRefusal) {
        Answer(String value, FlowWording refusal) {
            this(value, refusal, value, null);
        }

        Answer(String value, FlowWording refusal, String raw) {
            this(value, refusal, raw, null);
        }

        static Answer refused(String wordingKey) {
            return new Answer(null, null, null, wordingKey);
        }
    }

    private static Answer take(Flow flow, Step step, Click click, Turn turn) {
        Optional<String> given = click.answer().or(click::freeText).filter(text -> !text.isBlank());
        switch (step.type()) {
            case STATEMENT:
                return new Answer(FlowCards.AGREED, null);
            case CONSENT:
                boolean all = IntStream.range(0, step.statements().size()).allMatch(i ->
                        turn.submitted(CardKeys.CONSENT_PREFIX + i).filter(FlowCards.AGREED::equals).isPresent());
                return all ? new Answer(FlowCards.AGREED, null) : new Answer(null, CONSENT_NEEDED);
            case FREE_TEXT:
                if (given.isEmpty()) {
                    // the flow may say in its own words what an empty text needs
                    return flow.refuseAnswer(step, "", turn).map(Answer::refused).orElseGet(() -> new Answer(null, CHOOSE));
                }
                String text = given.get();
                String limited = text.length() > FlowCards.FREE_TEXT_LIMIT ? text.substring(0, FlowCards.FREE_TEXT_LIMIT) : text;
                return new Answer(flow.freeText(step, limited), null, limited);
            case LIVE_CHOICE:
                if (given.isEmpty()) {
                    return new Answer(null, CHOOSE);
                }
                // checked against the options as they are now, not as they were on the card
                return flow.liveOptions(step.source(), turn).containsKey(given.get()) ? new Answer(given.get(), null)
                        : new Answer(null, INVALID);
            case CONFIRM:
                return new Answer(null, INVALID);
            default:
                if (given.isEmpty()) {
                    return new Answer(null, CHOOSE);
                }
                return step.optionIds().contains(given.get()) ? new Answer(given.get(), null) : new Answer(null, INVALID);
        }
    }

    private CompletableFuture<Void> submit(Flow flow, Turn turn, Click click) {
        Optional<String> instance = open(flow, turn, click);
        if (instance.isEmpty()) {
            return turn.sayThenMenu(CLOSED.key(flow.id()));
        }
        Optional<FlowRun> saved = reads.load(flow, turn, instance.get());
        if (saved.isEmpty()) {
            // a second click after the first was done lands here
            return turn.sayThenMenu((flow.completion().alreadyDone(turn, instance.get()) ? ALREADY_COUNTED : EXPIRED)
                    .key(flow.id()));
        }
        if (saved.get().next() < flow.definition(instance.get()).confirmIndex()) {
            return ask(flow, turn, saved.get());
        }
        Completion.Result result = flow.completion().complete(turn, saved.get());
        return switch (result.outcome()) {
            case DONE -> {
                completed(flow, turn, instance.get());
                String receipt = result.receiptKey() != null ? result.receiptKey() : RECEIPT.key(flow.id());
                yield turn.reply().say(receipt, result.receipt()).show(flow.afterReceipt(turn)).menu().send();
            }
            case ALREADY_DONE -> {
                completed(flow, turn, instance.get());
                yield turn.sayThenMenu(ALREADY_COUNTED.key(flow.id()));
            }
            case CLOSED -> {
                runs(flow).delete(instance.get(), turn.conversationKey());
                active.clear(turn.conversationKey());
                yield turn.sayThenMenu(CLOSED.key(flow.id()));
            }
            case NOT_SAVED -> turn.send(FlowCards.retry(flow, instance.get(), turn.wording(), NOT_SAVED));
            case MAYBE_SAVED -> turn.send(FlowCards.retry(flow, instance.get(), turn.wording(), MAYBE_SAVED));
        };
    }

    /**
     * A run in the engine's stores is deleted once completed (a failure here leaves it to its TTL, and a
     * second submit is told it was done); a flow that keeps its own runs deletes them as it completes.
     */
    private void completed(Flow flow, Turn turn, String instance) {
        if (inSealedStores.contains(flow.id())) {
            runs(flow).delete(instance, turn.conversationKey());
        }
        active.clear(turn.conversationKey());
    }

    private FlowRunStore runs(Flow flow) {
        return runs.get(flow.id());
    }

    private CompletableFuture<Void> cancel(Flow flow, Turn turn, Click click) {
        open(flow, turn, click).ifPresent(instance -> end(flow, turn, instance));
        return turn.sayThenMenu(CANCELLED.key(flow.id()));
    }

    /** A consent refused: the flow ends, and nothing of it is kept. */
    private CompletableFuture<Void> refuse(Flow flow, Turn turn, Click click) {
        open(flow, turn, click).ifPresent(instance -> end(flow, turn, instance));
        flow.consentRefused();
        return turn.sayThenMenu(REFUSED.key(flow.id()));
    }

    private void end(Flow flow, Turn turn, String instance) {
        runs(flow).delete(instance, turn.conversationKey());
        active.get(turn.conversationKey()).filter(new ActiveFlows.Active(flow.id(), instance)::equals)
                .ifPresent(pointer -> active.clear(turn.conversationKey()));
    }

    /** After a save lost a race: show where the person really is now. */
    private CompletableFuture<Void> whereTheyAre(Flow flow, Turn turn, String instance) {
        Optional<FlowRun> now = runs(flow).load(instance, turn.conversationKey());
        if (now.isPresent()) {
            return ask(turn.reply().say(STALE.key(flow.id())), flow, turn, now.get());
        }
        return turn.sayThenMenu((flow.completion().alreadyDone(turn, instance) ? ALREADY_COUNTED : EXPIRED)
                .key(flow.id()));
    }

    private CompletableFuture<Void> ask(Flow flow, Turn turn, FlowRun run) {
        return ask(turn.reply(), flow, turn, run);
    }

    /** The step's card, and any the flow shows before it, under what the reply already says: one message. */
    private CompletableFuture<Void> ask(Reply reply, Flow flow, Turn turn, FlowRun run) {
        FlowDefinition definition = flow.definition(run.instance());
        return reply.show(flow.shownBefore(definition.steps().get(run.next()), run, turn))
                .show(FlowCards.step(flow, definition, run, turn)).send();
    }

    /** The open instance a click names; a closed, unknown or forged instance names none. */
    private static Optional<String> open(Flow flow, Turn turn, Click click) {
        return click.instance().filter(TurnReads.freshOpenInstances(flow, turn)::contains);
    }

    /** A flow as a capability: its menu item, its intent and its cards' action id. */
    private static final class FlowCapability implements Capability {
        private final FlowEngine engine;
        private final Flow flow;

        FlowCapability(FlowEngine engine, Flow flow) {
            this.engine = engine;
            this.flow = flow;
        }

        @Override
        public String id() {
            return flow.id();
        }

        @Override
        public boolean onMenu() {
            return flow.onMenu(flow.openInstances());
        }

        @Override
        public boolean onMenu(Turn turn) {
            return flow.onMenu(TurnReads.openInstances(flow, turn));
        }

        @Override
        public Set<Role> roles() {
            return flow.roles();
        }

        @Override
        public CompletableFuture<Void> handle(Turn turn) {
            return engine.handle(flow, turn);
        }
    }

    /** Typed text taken as the answer of the current step (only where the step says it takes typed text). */
    private static final class TypedAnswer implements Capability {
        private final FlowEngine engine;
        private final Flow flow;
        private final FlowRun run;

        TypedAnswer(FlowEngine engine, Flow flow, FlowRun run) {
            this.engine = engine;
            this.flow = flow;
            this.run = run;
        }

        @Override
        public String id() {
            return flow.id();
        }

        @Override
        public CompletableFuture<Void> handle(Turn turn) {
            String step = flow.definition(run.instance()).steps().get(run.next()).id();
            String typed = turn.typed();
            return engine.handle(flow, turn, new Click(FlowCards.ANSWER, Optional.of(run.instance()), Optional.of(step),
                    Optional.empty(), Optional.of(typed)));
        }
    }
}
