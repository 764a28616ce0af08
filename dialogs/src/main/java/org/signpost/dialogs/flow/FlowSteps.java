package org.signpost.dialogs.flow;

import static org.signpost.dialogs.flow.FlowWording.ALREADY_COUNTED;
import static org.signpost.dialogs.flow.FlowWording.ALREADY_DONE;
import static org.signpost.dialogs.flow.FlowWording.CANCELLED;
import static org.signpost.dialogs.flow.FlowWording.CLOSED;
import static org.signpost.dialogs.flow.FlowWording.EXPIRED;
import static org.signpost.dialogs.flow.FlowWording.INVALID;
import static org.signpost.dialogs.flow.FlowWording.NONE_OPEN;
import static org.signpost.dialogs.flow.FlowWording.REFUSED;
import static org.signpost.dialogs.flow.FlowWording.REQUIRED;
import static org.signpost.dialogs.flow.FlowWording.RESUME;
import static org.signpost.dialogs.flow.FlowWording.STALE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.signpost.dialogs.flow.FlowDefinition.Step;
import org.signpost.dialogs.kernel.Reply;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/**
 * A run's way to its confirm step: begin, start, answer or skip, cancel and refuse, each telling the person
 * where they are now. Submitting is {@link Submission}'s.
 */
final class FlowSteps {

    private final Map<String, Flow> flows;
    private final FlowRuns runs;
    private final TurnReads reads;
    private final Together together;

    FlowSteps(Map<String, Flow> flows, FlowRuns runs, TurnReads reads, Together together) {
        this.flows = flows;
        this.runs = runs;
        this.reads = reads;
        this.together = together;
    }

    CompletableFuture<Void> begin(Flow flow, Turn turn) {
        // the instance open when read at the turn's start (perhaps a moment ago) is most likely still the one:
        // its reads are made together with the fresh read of what is open, which decides (one round trip in
        // all, unless it has changed meanwhile)
        Optional<String> guessed = OpenInstances.wereReadFresh(flow, turn) ? Optional.empty()
                : OpenInstances.read(flow, turn).stream().findFirst();
        BeginReads ahead = null;
        if (guessed.isPresent()) {
            Together.Batch batch = together.batch();
            Together.Result<List<String>> fresh = batch.add(flow.openInstancesCall());
            ahead = beginReads(batch, flow, turn, guessed.get());
            batch.make();
            OpenInstances.keepFresh(flow, turn, fresh.get());
        }
        Optional<String> instance = OpenInstances.readFresh(flow, turn).stream().findFirst();
        if (instance.isEmpty()) {
            return turn.sayThenMenu(NONE_OPEN.key(flow.id()));
        }
        // else the run, whether anything is left and the flow pointer, read together (one round trip)
        BeginReads read = ahead;
        if (!instance.equals(guessed)) {
            Together.Batch batch = together.batch();
            read = beginReads(batch, flow, turn, instance.get());
            batch.make();
        }
        Optional<FlowRun> saved = read.run().get().get();
        if (saved.isPresent()) {
            return ask(turn.reply().say(RESUME.key(flow.id())), flow, turn, saved.get());
        }
        // kept for the menu of this turn, which then knows without asking again
        reads.keepNothingLeft(flow, turn, instance.get(), read.nothingLeft().get());
        if (read.nothingLeft().get()) {
            return turn.sayThenMenu(ALREADY_DONE.key(flow.id()));
        }
        Optional<CompletableFuture<Void>> busy = busyElsewhere(flow, turn, read.pointer().get());
        if (busy.isPresent()) {
            return busy.get();
        }
        FlowDefinition definition = flow.definition(instance.get());
        if (definition.opensWithStatement()) {
            return turn.send(FlowCards.opening(flow, instance.get(), definition, turn.wording()));
        }
        return create(flow, turn, instance.get(), 0);
    }

    /** What {@link #begin} reads of an instance: the run, whether anything is left, and the flow pointer. */
    private record BeginReads(Together.Result<Supplier<Optional<FlowRun>>> run, Together.Result<Boolean> nothingLeft,
            Together.Result<Optional<ActiveFlows.Active>> pointer) {
    }

    private BeginReads beginReads(Together.Batch batch, Flow flow, Turn turn, String instance) {
        return new BeginReads(batch.add(runs.of(flow).loadAheadCall(instance, turn.conversationKey())),
                batch.add(flow.completion().nothingLeftCall(turn, instance)), batch.add(runs.pointerCall(turn)));
    }

    CompletableFuture<Void> start(Flow flow, Turn turn, Click click) {
        Optional<String> instance = click.openInstance(flow, turn);
        if (instance.isEmpty()) {
            return closed(flow, turn, click);
        }
        Optional<FlowRun> saved = reads.load(flow, turn, instance.get());
        if (saved.isPresent()) {
            // Start pressed twice, or again later: carry on where they are
            return ask(flow, turn, saved.get());
        }
        // whether anything is left and the flow pointer, read together (one round trip)
        Together.Batch batch = together.batch();
        Together.Result<Boolean> nothingLeft = batch.add(flow.completion().nothingLeftCall(turn, instance.get()));
        Together.Result<Optional<ActiveFlows.Active>> pointer = batch.add(runs.pointerCall(turn));
        batch.make();
        reads.keepNothingLeft(flow, turn, instance.get(), nothingLeft.get());
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
        if (!runs.saveAndPoint(flow, turn, begun)) {
            return whereTheyAre(flow, turn, instance);
        }
        return ask(flow, turn, begun);
    }

    /** Another flow in progress here: finish or cancel it first; nothing of it is dropped. */
    private Optional<CompletableFuture<Void>> busyElsewhere(Flow flow, Turn turn,
            Optional<ActiveFlows.Active> pointer) {
        return runs.current(turn, pointer).filter(run -> !run.flow().equals(flow.id())).map(run -> {
            Flow other = flows.get(run.flow());
            String label = turn.wording().text("menu." + other.id());
            return ask(turn.reply().say(FlowWording.BUSY, Map.of("flow", label)), other, turn, run);
        });
    }

    CompletableFuture<Void> answer(Flow flow, Turn turn, Click click) {
        Optional<String> instance = click.openInstance(flow, turn);
        if (instance.isEmpty()) {
            return closed(flow, turn, click);
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
            Answer taken = Answer.take(flow, step, click, turn);
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
        if (!runs.saveAndPoint(flow, turn, next)) {
            // another click (on another instance, perhaps) changed or ended it first: it stands
            return whereTheyAre(flow, turn, instance.get());
        }
        return ask(flow, turn, next);
    }

    /** Whatever is held of the run the card names goes, whether or not its instance is still open. */
    CompletableFuture<Void> cancel(Flow flow, Turn turn, Click click) {
        click.instance().ifPresent(instance -> runs.end(flow, turn, instance));
        return turn.sayThenMenu(CANCELLED.key(flow.id()));
    }

    /** A consent refused: the flow ends, and nothing of it is kept. */
    CompletableFuture<Void> refuse(Flow flow, Turn turn, Click click) {
        click.instance().ifPresent(instance -> runs.end(flow, turn, instance));
        flow.consentRefused();
        return turn.sayThenMenu(REFUSED.key(flow.id()));
    }

    /**
     * A click on a card of an instance that is not open (closed since the card was shown, or never open): told so
     * at once, and whatever is held of the run it names is deleted, since nothing more of it can ever count.
     */
    CompletableFuture<Void> closed(Flow flow, Turn turn, Click click) {
        click.instance().ifPresent(instance -> runs.end(flow, turn, instance));
        return turn.sayThenMenu(CLOSED.key(flow.id()));
    }

    /** After a save lost a race: show where the person really is now. */
    private CompletableFuture<Void> whereTheyAre(Flow flow, Turn turn, String instance) {
        Optional<FlowRun> now = runs.of(flow).load(instance, turn.conversationKey());
        if (now.isPresent()) {
            return ask(turn.reply().say(STALE.key(flow.id())), flow, turn, now.get());
        }
        if (!flow.openInstances().contains(instance)) {
            // it closed during this turn: a store that keeps a run only while its instance is open refused the save
            runs.end(flow, turn, instance);
            return turn.sayThenMenu(CLOSED.key(flow.id()));
        }
        return turn.sayThenMenu((flow.completion().alreadyDone(turn, instance) ? ALREADY_COUNTED : EXPIRED)
                .key(flow.id()));
    }

    /** The words, then where the person is: the run's step again. */
    CompletableFuture<Void> sayThenAsk(String wordingKey, Flow flow, Turn turn, FlowRun run) {
        return ask(turn.reply().say(wordingKey), flow, turn, run);
    }

    static CompletableFuture<Void> ask(Flow flow, Turn turn, FlowRun run) {
        return ask(turn.reply(), flow, turn, run);
    }

    /** The step's card, and any the flow shows before it, under what the reply already says: one message. */
    private static CompletableFuture<Void> ask(Reply reply, Flow flow, Turn turn, FlowRun run) {
        FlowDefinition definition = flow.definition(run.instance());
        return reply.show(flow.shownBefore(definition.steps().get(run.next()), run, turn))
                .show(FlowCards.step(flow, definition, run, turn)).send();
    }
}
