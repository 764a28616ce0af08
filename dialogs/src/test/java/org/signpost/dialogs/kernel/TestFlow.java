package org.signpost.dialogs.kernel;

import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.adapters.TestAdapter;
import com.microsoft.bot.schema.Activity;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A conversation with the bot through the SDK's {@link TestAdapter}: what the person sends, what the bot must reply,
 * in order. The SDK's own {@code TestFlow} waits for a reply with no end (it ignores its timeout) and swallows an
 * interrupt while it waits, so a missing reply hung the build past JUnit's timeout; this one gives up after
 * {@link #REPLY_WITHIN} and, interrupted, keeps the thread's interrupt flag and fails at once.
 */
public final class TestFlow {

    public static final Duration REPLY_WITHIN = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 5;

    private final TestAdapter adapter;
    private final BotCallbackHandler bot;
    private final CompletableFuture<Void> steps;

    public TestFlow(TestAdapter adapter, BotCallbackHandler bot) {
        this(adapter, bot, CompletableFuture.completedFuture(null));
    }

    private TestFlow(TestAdapter adapter, BotCallbackHandler bot, CompletableFuture<Void> steps) {
        this.adapter = adapter;
        this.bot = bot;
        this.steps = steps;
    }

    public TestFlow send(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Nothing to send");
        }
        return then(steps.thenCompose(done -> adapter.sendTextToBot(text, bot)));
    }

    public TestFlow send(Activity activity) {
        return then(steps.thenCompose(done -> adapter.processActivity(activity, bot)));
    }

    /** The bot's next reply must pass {@code check}; it must come within {@link #REPLY_WITHIN}. */
    public TestFlow assertReply(Consumer<Activity> check) {
        return assertReply(check, REPLY_WITHIN);
    }

    public TestFlow assertReply(Consumer<Activity> check, Duration within) {
        return then(steps.thenApply(done -> {
            check.accept(nextReply(within));
            return null;
        }));
    }

    /** Every step, run in order; completes exceptionally at the first that fails. */
    public CompletableFuture<Void> startTest() {
        return steps;
    }

    private Activity nextReply(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Activity reply = adapter.getNextReply();
            if (reply != null) {
                return reply;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No reply from the bot within " + within);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for the bot's reply", e);
            }
        }
    }

    private TestFlow then(CompletableFuture<Void> next) {
        return new TestFlow(adapter, bot, next);
    }
}
