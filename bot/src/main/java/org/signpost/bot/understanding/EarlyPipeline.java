package org.signpost.bot.understanding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The English pipeline read on a thread of its own from the start of {@code main}, while Spring prepares its
 * environment and context, so that the bean finds it read (docs/benchmarks.md, "Start-up"). It needs no
 * settings. The bean still waits for it, and its failure is the bean's: the start stops.
 */
public final class EarlyPipeline {

    private static final AtomicReference<CompletableFuture<EnglishPipeline>> BEGUN = new AtomicReference<>();

    private EarlyPipeline() {
    }

    public static void begin() {
        begin(EnglishPipeline::load);
    }

    static void begin(Supplier<EnglishPipeline> load) {
        CompletableFuture<EnglishPipeline> read = new CompletableFuture<>();
        if (BEGUN.compareAndSet(null, read)) {
            Thread reader = new Thread(() -> {
                try {
                    read.complete(load.get());
                } catch (Throwable failed) {
                    read.completeExceptionally(failed);
                }
            }, "signpost-early-pipeline");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** The pipeline begun, waited for, once; with none begun (tests, a second context), read now. */
    static EnglishPipeline take() {
        CompletableFuture<EnglishPipeline> read = BEGUN.getAndSet(null);
        if (read == null) {
            return EnglishPipeline.load();
        }
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            if (e.getCause() instanceof Error failed) {
                throw failed;
            }
            throw e;
        }
    }
}
