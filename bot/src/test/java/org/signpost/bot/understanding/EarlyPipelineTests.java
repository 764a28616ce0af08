package org.signpost.bot.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EarlyPipelineTests {

    @AfterEach
    void nothingLeftBegun() {
        EarlyPipeline.take();
    }

    @Test
    void theBeanWaitsForThePipelineBegunAndTakesItOnce() throws InterruptedException {
        EnglishPipeline read = EnglishPipeline.load();
        CountDownLatch reading = new CountDownLatch(1);
        EarlyPipeline.begin(() -> {
            try {
                reading.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return read;
        });
        new Thread(reading::countDown).start();

        assertThat(EarlyPipeline.take()).isSameAs(read);
        assertThat(EarlyPipeline.take()).isNotSameAs(read);
    }

    @Test
    void aPipelineThatCannotBeReadFailsTheBean() {
        EarlyPipeline.begin(() -> {
            throw new UncheckedIOException("Cannot load the OpenNLP English models", new IOException("truncated"));
        });

        assertThatThrownBy(EarlyPipeline::take).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot load the OpenNLP English models");
    }
}
