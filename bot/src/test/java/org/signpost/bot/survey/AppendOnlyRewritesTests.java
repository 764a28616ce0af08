package org.signpost.bot.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
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
