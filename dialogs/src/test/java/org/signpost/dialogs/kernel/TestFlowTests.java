package org.signpost.dialogs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.bot.builder.adapters.TestAdapter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The test conversations' own helper: a missing reply fails the test, and an interrupt is never lost. */
class TestFlowTests {

    @Test
    void interruptedWhileWaitingForAReplyItFailsAtOnceAndTheThreadStaysInterrupted() {
        // an interrupt arrives for the thread that waits for the bot's reply (JUnit's timeout, say)
        Thread.currentThread().interrupt();
        try {
            CompletableFuture<Void> done = new TestFlow(new TestAdapter(), turn -> CompletableFuture.completedFuture(null))
                    .assertReply(reply -> { }).startTest();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
            assertThatThrownBy(done::join).hasRootCauseInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aReplyThatNeverComesFailsTheConversation() {
        CompletableFuture<Void> done = new TestFlow(new TestAdapter(), turn -> CompletableFuture.completedFuture(null))
                .send("hello").assertReply(reply -> { }, Duration.ofMillis(50)).startTest();
        assertThatThrownBy(done::join).hasCauseInstanceOf(AssertionError.class)
                .hasMessageContaining("No reply from the bot");
    }
}
