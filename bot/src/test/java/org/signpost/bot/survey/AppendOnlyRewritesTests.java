package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.signpost.dialogs.kernel.MutableClock;
import redis.clients.jedis.exceptions.JedisDataException;

/** When the append-only file is rewritten, on a moved clock. */
class AppendOnlyRewritesTests {

    private final MutableClock clock = new MutableClock();
    private final List<String> asked = new ArrayList<>();
    /** What Redis answers to the next requests: null accepts, an exception refuses. */
    private final Deque<RuntimeException> answers = new ArrayDeque<>();
    private final AppendOnlyRewrites rewrites = new AppendOnlyRewrites(clock, Duration.ofMinutes(10), routingKey -> {
        asked.add(routingKey + " at " + clock.instant());
        RuntimeException refusal = answers.poll();
        if (refusal != null) {
            throw refusal;
        }
    });

    @Test
    void nothingChangedNothingRewritten() {
        clock.advance(Duration.ofHours(5));
        rewrites.tick();
        assertThat(asked).isEmpty();
    }

    @Test
    void aChangeIsRewrittenWithinTheIntervalAndOnlyOnce() {
        rewrites.changed("round-key");
        clock.advance(Duration.ofMinutes(4));
        rewrites.changed("round-key");
        rewrites.tick();
        assertThat(asked).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        rewrites.tick();
        rewrites.tick();
        assertThat(asked).hasSize(1);
        clock.advance(Duration.ofHours(1));
        rewrites.tick();
        assertThat(asked).hasSize(1);
    }

    @Test
    void aRefusedRewriteIsAskedAgainAtEveryTickUntilAccepted() {
        answers.add(new JedisDataException("ERR Background append only file rewriting already in progress"));
        answers.add(new JedisDataException("NOPERM this user has no permissions to run the 'bgrewriteaof' command"));
        rewrites.changed("round-key");
        clock.advance(Duration.ofMinutes(10));
        rewrites.tick();
        assertThat(rewrites.due()).isPresent();
        clock.advance(Duration.ofSeconds(30));
        rewrites.tick();
        clock.advance(Duration.ofSeconds(30));
        rewrites.tick();
        assertThat(asked).hasSize(3);
        assertThat(rewrites.due()).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        rewrites.tick();
        assertThat(asked).hasSize(3);
    }

    @Test
    void aRewriteAlreadyUnderWayIsNoWarningButAnyOtherRefusalIs() {
        Logger logger = (Logger) LoggerFactory.getLogger(AppendOnlyRewrites.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            // a busy time: every request finds the last rewrite still running, then one is accepted (none left to refuse)
            for (int i = 0; i < 5; i++) {
                answers.add(new JedisDataException("ERR Background append only file rewriting already in progress"));
            }
            for (int i = 0; i < 6; i++) {
                rewrites.now("round-key");
            }
            assertThat(asked).hasSize(6);
            assertThat(rewrites.due()).isEmpty();
            assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.INFO));

            answers.add(new JedisDataException("NOPERM this user has no permissions to run the 'bgrewriteaof' command"));
            answers.add(new JedisDataException("NOPERM this user has no permissions to run the 'bgrewriteaof' command"));
            rewrites.now("round-key");
            rewrites.tick();
            rewrites.tick();
            assertThat(rewrites.due()).isEmpty();
            assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                    .extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void askedNowItIsAskedAtOnceAndIfRefusedAtTheNextTick() {
        answers.add(new JedisDataException("ERR Background append only file rewriting already in progress"));
        rewrites.now("round-key");
        assertThat(asked).hasSize(1);
        rewrites.tick();
        assertThat(asked).hasSize(2);
    }

    @Test
    void aChangeMadeWhileARewriteRunsIsRewrittenAgainLater() {
        AppendOnlyRewrites[] self = new AppendOnlyRewrites[1];
        self[0] = new AppendOnlyRewrites(clock, Duration.ofMinutes(10), routingKey -> {
            asked.add("asked");
            // a submission on another thread lands after the rewrite began
            self[0].changed("round-key");
        });
        self[0].changed("round-key");
        clock.advance(Duration.ofMinutes(10));
        self[0].tick();
        assertThat(self[0].due()).contains(clock.instant().plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        self[0].tick();
        assertThat(asked).hasSize(2);
    }
}
