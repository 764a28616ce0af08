package org.signpost.bot.broadcast;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.signpost.bot.connector.ConnectorClients.ConnectorException;
import org.signpost.bot.connector.RetryPolicy;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.Courier;
import org.signpost.dialogs.broadcast.Delivery;
import org.signpost.dialogs.broadcast.SendResult;
import org.signpost.dialogs.references.Reach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a broadcast's message to one conversation, once, on a small pool of its own, and says what the
 * connector answered in the engine's terms: 403 gone; 412, 429, 502, 504 (and a connection never opened)
 * again later, with the connector's {@code Retry-After}; another refusal failed; no answer after sending
 * maybe sent.
 */
public final class ConnectorCourier implements Courier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorCourier.class);

    /** Posts one activity once (no retry of its own). */
    @FunctionalInterface
    public interface Sender {
        void send(ConversationReference to, Activity message) throws IOException, InterruptedException;
    }

    private final Reach reach;
    private final Function<Broadcast, Activity> rendering;
    private final Sender sender;
    private final ExecutorService threads;
    private final Permit permit;

    /** The tenant's rate permit for one claimed message, taken just before its post. */
    @FunctionalInterface
    public interface Permit {
        /** False: do not post now (no place in the window, tenant paused, or the claim was lost). */
        boolean take(Delivery delivery);
    }

    /**
     * @param permit taken after the reference is read and the message rendered, right before the post, so
     *               that the rate is counted when messages leave, not when they were claimed
     */
    public ConnectorCourier(Reach reach, Function<Broadcast, Activity> rendering, Sender sender, int threads,
            Permit permit) {
        this.reach = reach;
        this.rendering = rendering;
        this.sender = sender;
        this.permit = permit;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "broadcast-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletionStage<SendResult> send(Broadcast broadcast, Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> attempt(broadcast, delivery), threads);
    }

    private SendResult attempt(Broadcast broadcast, Delivery delivery) {
        Optional<ConversationReference> to = reach.reference(delivery.tenant(), delivery.recipient());
        if (to.isEmpty()) {
            return new SendResult.NoReference();
        }
        Activity message = rendering.apply(broadcast);
        try {
            if (!permit.take(delivery)) {
                return new SendResult.Late();
            }
        } catch (RuntimeException e) {
            log.warn("No rate permit for a broadcast message: {}", e.getClass().getSimpleName());
            return new SendResult.Late();
        }
        try {
            sender.send(to.get(), message);
            return new SendResult.Delivered();
        } catch (ConnectorException refused) {
            return classify(refused);
        } catch (ConnectException | NoRouteToHostException | UnknownHostException notSent) {
            return new SendResult.TryAgain(0, Optional.empty());
        } catch (IOException noAnswer) {
            log.debug("A broadcast message had no answer: {}", noAnswer.getClass().getSimpleName());
            return new SendResult.MaybeSent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.MaybeSent();
        } catch (RuntimeException e) {
            log.warn("A broadcast message could not be sent: {}", e.getClass().getSimpleName());
            return new SendResult.Failed(0);
        }
    }

    static SendResult classify(ConnectorException refused) {
        int status = refused.status();
        if (status == 403) {
            return new SendResult.Gone();
        }
        if (status == 0 || RetryPolicy.retriedStatus(status)) {
            // 0: refused before it went out (no free call, no token)
            return new SendResult.TryAgain(status, refused.retryAfter());
        }
        return new SendResult.Failed(status);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
