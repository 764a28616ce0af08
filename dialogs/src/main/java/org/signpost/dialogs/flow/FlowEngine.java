package org.signpost.dialogs.flow;

import static org.signpost.dialogs.flow.FlowWording.CANCELLED;
import static org.signpost.dialogs.flow.FlowWording.CARDS_ONLY;
import static org.signpost.dialogs.flow.FlowWording.INVALID;
import static org.signpost.dialogs.flow.FlowWording.LATER_REPLY;

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
import java.util.stream.Collectors;
import org.signpost.dialogs.flow.FlowDefinition.Step;
import org.signpost.dialogs.kernel.Capability;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * Runs every flow the same way: begin, resume, answer, skip, stale card, forged value, cancel, expiry and
 * completion, with one flow in progress per conversation. Answers come only from card data (typed text
 * only where a step says it takes it); a save is compare-and-set, so a late or second click changes
 * nothing and is told where the person is.
 */
public final class FlowEngine {

    private final Map<String, Flow> flows;
    private final FlowRuns runs;
    private final TurnReads reads;
    private final FlowSteps steps;
    private final Submission submission;
    private final Together together;

    /** {@code sealedRuns} keeps the runs of every flow that does not keep its own; each call made on its own. */
    public FlowEngine(List<Flow> flows, ActiveFlows active, FlowRunStores sealedRuns) {
        this(flows, active, sealedRuns, Together.oneByOne());
    }

    /** {@code together} makes calls that do not depend on each other in one go, where the store can. */
    public FlowEngine(List<Flow> flows, ActiveFlows active, FlowRunStores sealedRuns, Together together) {
        this(flows, active, sealedRuns, together, NothingLeftMemo.NONE);
    }

    /** {@code memo} keeps for a moment what the menu learnt of what is left for a person, for their next turns. */
    public FlowEngine(List<Flow> flows, ActiveFlows active, FlowRunStores sealedRuns, Together together,
            NothingLeftMemo memo) {
        this.flows = flows.stream().collect(Collectors.toMap(Flow::id, Function.identity(), (a, b) -> {
            throw new IllegalStateException("Two flows with the id " + a.id());
        }, LinkedHashMap::new));
        this.runs = new FlowRuns(this.flows, active, sealedRuns, together);
        this.reads = new TurnReads(this.flows, runs::of, together, memo);
        this.steps = new FlowSteps(this.flows, runs, reads, together);
        this.submission = new Submission(runs, reads, steps);
        this.together = together;
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
        Set<String> keys = new TreeSet<>(List.of(FlowWording.BUSY, FlowWording.TYPED_NOT_TAKEN, FlowWording.TYPED_ANSWER,
                CancelFlow.NOTHING));
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
                .anyMatch(flow -> OpenInstances.read(flow, turn).stream()
                        .anyMatch(instance -> flow.definition(instance).takesTypedText()));
        if (!any) {
            return Optional.empty();
        }
        return runs.current(turn).filter(run -> {
            Flow flow = flows.get(run.flow());
            FlowDefinition definition = flow.definition(run.instance());
            return run.next() < definition.steps().size() && definition.steps().get(run.next()).typedText();
        }).map(run -> new TypedAnswer(this, flows.get(run.flow()), run));
    }

    /**
     * Typed words that are no request while a flow is in progress (an answer typed instead of clicked): said so,
     * with the step's card again, rather than the menu, which left the person without their place. Empty when no
     * flow is in progress. The pointer is read only when a run could be in progress ({@link TurnReads#mayBeInProgress});
     * with it, what the menu shown otherwise asks (one round trip; a run found leaves that read unused).
     */
    public Optional<CompletableFuture<Void>> pointBackToTheCard(Turn turn) {
        return pointBackToTheCard(turn, FlowWording.TYPED_NOT_TAKEN);
    }

    /** The same, saying {@code wordingKey} above the card (an answer typed: {@link FlowWording#TYPED_ANSWER}). */
    public Optional<CompletableFuture<Void>> pointBackToTheCard(Turn turn, String wordingKey) {
        if (!reads.mayBeInProgress(turn)) {
            return Optional.empty();
        }
        Together.Batch batch = together.batch();
        Together.Result<Optional<ActiveFlows.Active>> pointer = batch.add(runs.pointerCall(turn));
        TurnReads.MenuReads menu = reads.addMenuReads(batch, turn);
        batch.make();
        menu.keep();
        return runs.current(turn, pointer.get()).map(run -> steps.sayThenAsk(wordingKey, flows.get(run.flow()), turn,
                run));
    }

    /** Whether nothing is left for this person in what the flow has open (then the menu does not offer it). */
    boolean nothingLeft(Flow flow, Turn turn) {
        return reads.nothingLeft(flow, turn);
    }

    /** What the menu asks of this flow that is not known yet, added to a batch; what keeps it once made. */
    Runnable addMenuReads(Flow flow, Turn turn, Together.Batch batch) {
        return reads.addMenuReads(batch, turn, flow::equals)::keep;
    }

    /**
     * Ends the flow in progress; the wording key that says so, or empty when there was none. The pointer is read with
     * what the menu that follows asks (cancelling a run leaves as much to do as before): one round trip.
     */
    Optional<String> cancelCurrent(Turn turn) {
        Together.Batch batch = together.batch();
        Together.Result<Optional<ActiveFlows.Active>> pointer = batch.add(runs.pointerCall(turn));
        TurnReads.MenuReads menu = reads.addMenuReads(batch, turn);
        batch.make();
        menu.keep();
        return runs.cancelCurrent(turn, pointer.get()).map(r -> CANCELLED.key(r.flow()));
    }

    CompletableFuture<Void> handle(Flow flow, Turn turn) {
        return handle(flow, turn, Click.of(turn));
    }

    CompletableFuture<Void> handle(Flow flow, Turn turn, Click click) {
        if (flow.cardsRequired() && !turn.cardsSupported()) {
            // a text-only chat would need typed answers, and typed text stays in the chat's history
            return turn.sayThenMenu(CARDS_ONLY.key(flow.id()));
        }
        Optional<String> refusal = flow.refusal(turn);
        if (refusal.isPresent()) {
            return turn.sayThenMenu(refusal.get());
        }
        return switch (click.verb()) {
            case FlowCards.BEGIN -> steps.begin(flow, turn);
            case FlowCards.START_VERB -> steps.start(flow, turn, click);
            case FlowCards.ANSWER, FlowCards.SKIP_VERB -> steps.answer(flow, turn, click);
            case FlowCards.SUBMIT_VERB -> submission.submit(flow, turn, click);
            case FlowCards.CANCEL_VERB -> steps.cancel(flow, turn, click);
            case FlowCards.REFUSE_VERB -> steps.refuse(flow, turn, click);
            case FlowCards.LATER_VERB -> turn.sayThenMenu(LATER_REPLY.key(flow.id()));
            default -> turn.sayThenMenu(INVALID.key(flow.id()));
        };
    }
}
