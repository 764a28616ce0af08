package org.signpost.bot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.Middleware;
import com.microsoft.bot.builder.NextDelegate;
import com.microsoft.bot.builder.TurnContext;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.signpost.bot.Activities;
import org.signpost.bot.Endpoint;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Once a turn has ended, one collection frees its context and its turn state. The SDK's own context and turn
 * state declare finalizers, so the JVM would keep both (and all they reach) for the finalizer thread, through
 * at least one more collection. Production path: an app id, signed channel tokens, the whole bot and Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TurnContextFinalizationIntegrationTests {

    static final String APP_ID = "00000000-0000-0000-0000-0000000f1a1e";
    static final Path work = TestRedis.tempFolder("signpost-finalization");
    static final LocalIdentityProvider identity = LocalIdentityProvider.start(work);
    static final FakeConnector connector = new FakeConnector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        identity.registerSingleTenantApp(registry, APP_ID, "tenant-1");
        TestKeys.register(registry);
        registry.add("signpost.redis.data-folder", () -> work.resolve("data").toString());
    }

    @AfterAll
    static void stop() {
        connector.close();
        identity.close();
    }

    @LocalServerPort
    int port;

    @Test
    void oneCollectionFreesATurnsContextAndItsState(@Autowired SignpostAdapter adapter) throws InterruptedException {
        Turns turns = new Turns();
        adapter.use(turns);
        String token = "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
        Activities teams = new Activities(connector.serviceUrl(), "29:user-1", "Alex Example", "aad-1");
        String conversation = "a:finalization";
        assertThat(new Endpoint(port).post(teams.message(conversation, "hello").toString(), token).statusCode())
                .isEqualTo(200);
        assertThat(connector.sentTo(conversation)).as("a whole turn, with its reply").isNotEmpty();
        Turn turn = turns.of(conversation);

        // collections until the first that finds each unreachable (its weak reference cleared: the turn's thread may
        // take a moment to let go of it); a finalizable one is kept by that collection for the finalizer thread,
        // so its phantom reference still refers to it then
        Boolean contextFreed = null;
        Boolean stateFreed = null;
        for (int collection = 0; collection < 100 && (contextFreed == null || stateFreed == null); collection++) {
            System.gc();
            contextFreed = contextFreed != null ? contextFreed : turn.context().freedNow();
            stateFreed = stateFreed != null ? stateFreed : turn.state().freedNow();
            Thread.sleep(10);
        }

        assertThat(contextFreed).as("the turn's context freed by the first collection that found it unreachable")
                .isTrue();
        assertThat(stateFreed).as("the turn's state freed by the first collection that found it unreachable")
                .isTrue();
    }

    record Turn(Seen context, Seen state) {
    }

    /** An object, weakly and phantom-reachable from here: whether it is gone, and if so freed, or kept for a finalizer. */
    record Seen(WeakReference<Object> weak, PhantomReference<Object> phantom) {

        Seen(Object referent, ReferenceQueue<Object> queue) {
            this(new WeakReference<>(referent), new PhantomReference<>(referent, queue));
        }

        /** Null while still reachable; once unreachable, whether freed (not kept for a finalizer). */
        Boolean freedNow() {
            // the weak read first: a collection between the two reads can free a context not kept for a finalizer
            // (so a free one is never taken as kept), and not free one kept for a finalizer (that takes two)
            return weak.refersTo(null) ? phantom.refersTo(null) : null;
        }
    }

    /** Notes each turn's context and state by conversation, without keeping either. */
    static final class Turns implements Middleware {

        private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
        private final Map<String, Turn> byConversation = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Void> onTurn(TurnContext context, NextDelegate next) {
            byConversation.put(context.getActivity().getConversation().getId(),
                    new Turn(new Seen(context, queue), new Seen(context.getTurnState(), queue)));
            return next.next();
        }

        Turn of(String conversation) {
            return byConversation.remove(conversation);
        }
    }
}
