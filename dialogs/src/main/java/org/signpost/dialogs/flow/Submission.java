package org.signpost.dialogs.flow;

import static org.signpost.dialogs.flow.FlowWording.ALREADY_COUNTED;
import static org.signpost.dialogs.flow.FlowWording.CLOSED;
import static org.signpost.dialogs.flow.FlowWording.EXPIRED;
import static org.signpost.dialogs.flow.FlowWording.MAYBE_SAVED;
import static org.signpost.dialogs.flow.FlowWording.NOT_SAVED;
import static org.signpost.dialogs.flow.FlowWording.RECEIPT;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;

/** Submit: the flow's {@link Completion} at the confirm step, its outcome told the same way for every flow. */
final class Submission {

    private final FlowRuns runs;
    private final TurnReads reads;
    private final FlowSteps steps;

    Submission(FlowRuns runs, TurnReads reads, FlowSteps steps) {
        this.runs = runs;
        this.reads = reads;
        this.steps = steps;
    }

    CompletableFuture<Void> submit(Flow flow, Turn turn, Click click) {
        Optional<String> instance = click.openInstance(flow, turn);
        if (instance.isEmpty()) {
            return steps.closed(flow, turn, click);
        }
        Optional<FlowRun> saved = reads.load(flow, turn, instance.get());
        if (saved.isEmpty()) {
            // a second click after the first was done lands here
            return turn.sayThenMenu((flow.completion().alreadyDone(turn, instance.get()) ? ALREADY_COUNTED : EXPIRED)
                    .key(flow.id()));
        }
        if (saved.get().next() < flow.definition(instance.get()).confirmIndex()) {
            return FlowSteps.ask(flow, turn, saved.get());
        }
        Completion.Result result = flow.completion().complete(turn, saved.get());
        if (result.outcome() == Completion.Outcome.DONE || result.outcome() == Completion.Outcome.ALREADY_DONE) {
            if (flow.completion().nothingLeftOnceDone()) {
                // the menu under the receipt knows without asking, and so do the next turns' here
                reads.keepNothingLeft(flow, turn, instance.get(), true);
            } else {
                // a sign-up may leave more sessions: the menu under the receipt asks again, whatever was kept
                reads.forgetNothingLeft(flow, turn, instance.get());
            }
        }
        return switch (result.outcome()) {
            case DONE -> {
                runs.completed(flow, turn, instance.get(), menuReads(turn));
                String receipt = result.receiptKey() != null ? result.receiptKey() : RECEIPT.key(flow.id());
                yield turn.reply().say(receipt, result.receipt()).show(flow.afterReceipt(turn)).menu().send();
            }
            case ALREADY_DONE -> {
                runs.completed(flow, turn, instance.get(), menuReads(turn));
                yield turn.sayThenMenu(ALREADY_COUNTED.key(flow.id()));
            }
            case CLOSED -> {
                runs.closed(flow, turn, instance.get());
                yield turn.sayThenMenu(CLOSED.key(flow.id()));
            }
            case NOT_SAVED -> turn.send(FlowCards.retry(flow, instance.get(), turn.wording(), NOT_SAVED));
            case MAYBE_SAVED -> turn.send(FlowCards.retry(flow, instance.get(), turn.wording(), MAYBE_SAVED));
        };
    }

    /** What the menu under the receipt asks (of other flows: this one's is known), made with the pointer's clearing. */
    private Function<Together.Batch, Runnable> menuReads(Turn turn) {
        return batch -> reads.addMenuReads(batch, turn)::keep;
    }
}
