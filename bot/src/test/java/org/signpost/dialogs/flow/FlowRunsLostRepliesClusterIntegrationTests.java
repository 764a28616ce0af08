package org.signpost.dialogs.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.BotAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResourceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.TestKeys;
import org.signpost.bot.ThreeMasterCluster;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.FlowStoresForTests;
import org.signpost.bot.redis.Piped;
import org.signpost.bot.redis.RedisTogether;
import org.signpost.dialogs.kernel.Senders;
import org.signpost.dialogs.kernel.Together;
import org.signpost.dialogs.kernel.Turn;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * The flow engine's calls made together in a real Redis Cluster whose nodes run a batch's commands and then drop
 * the connection before a reply is written (a reply larger than the client output buffer limit, queued last, makes
 * the node close the connection with every reply of the batch unwritten): {@link RedisTogether} makes each call
 * again, and what the person is told and what Redis keeps must be as if the replies had come.
 */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class FlowRunsLostRepliesClusterIntegrationTests {

    private static final String PREFIX = "signpost:";
    private static final AppKeys KEYS = TestKeys.appKeys();
    private static final String FLOW = "focusgroup-signup";
    private static final String INSTANCE = "session-tuesday-2026";
    private static final Duration TTL = Duration.ofHours(2);
    /** Past the client output buffer limit the test sets, whatever a node's reply buffer holds first. */
    private static final int BIG = 1 << 20;
    /** The turn sends nothing here: the store's calls are what is tested. */
    private static final BotAdapter NO_SENDS = new BotAdapter() {
        @Override
        public CompletableFuture<ResourceResponse[]> sendActivities(TurnContext context, List<Activity> activities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ResourceResponse> updateActivity(TurnContext context, Activity activity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> deleteActivity(TurnContext context, ConversationReference reference) {
            throw new UnsupportedOperationException();
        }
    };

    private static ThreeMasterCluster redis;
    private static List<Server> masters;
    private static UnifiedJedis cluster;
    /** A key on each master holding {@link #BIG} bytes. */
    private static final List<String> bigKeys = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = ThreeMasterCluster.start("signpost-lost-replies-cluster");
        masters = redis.masters();
        cluster = redis.client();
        for (Server master : masters) {
            String key = keyOn(master);
            bigKeys.add(key);
            try (UnifiedJedis admin = master.admin()) {
                admin.set(key, "x".repeat(BIG));
                admin.sendCommand(Protocol.Command.CONFIG, "SET", "client-output-buffer-limit", "normal 64kb 64kb 0");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aCancelWhoseRepliesAreLostEndsTheRunAndSaysSo() {
        Flow flow = flow();
        FlowRuns runs = new FlowRuns(Map.of(FLOW, flow), FlowStoresForTests.pointers(cluster, PREFIX, KEYS),
                FlowStoresForTests.runs(cluster, PREFIX, KEYS), new LosingReplies(new RedisTogether(cluster)));
        Turn turn = turn("a:lost-cancel-1");
        long droppedBefore = dropped();

        // the run saved and pointed at together: the replies lost, both calls made again answer as the first did
        assertThat(runs.saveAndPoint(flow, turn, new FlowRun(FLOW, INSTANCE, 2, Map.of("name", "Alex"), null)))
                .as("the run's first save, its reply lost").isTrue();
        assertThat(dropped()).as("connections a node closed with the batch's replies unwritten").isGreaterThan(droppedBefore);
        FlowRun saved = runs.current(turn).orElseThrow();
        assertThat(saved.next()).isEqualTo(2);
        long droppedAfterFirst = dropped();
        assertThat(runs.saveAndPoint(flow, turn,
                new FlowRun(FLOW, INSTANCE, 3, Map.of("name", "Alex", "team", "Ops"), saved.revision())))
                .as("a compare-and-set save over the revision read, its reply lost").isTrue();
        assertThat(dropped()).isGreaterThan(droppedAfterFirst);
        assertThat(runs.current(turn)).get().extracting(FlowRun::next).isEqualTo(3);

        // "cancel": the run it pointed at is ended and the person told so, whatever replies are lost
        assertThat(runs.cancelCurrent(turn)).as("the run cancelled").get().extracting(FlowRun::flow).isEqualTo(FLOW);
        assertThat(runs.of(flow).load(INSTANCE, turn.conversationKey())).as("nothing kept of the run").isEmpty();
        assertThat(runs.current(turn)).isEmpty();
        assertThat(runs.cancelCurrent(turn)).as("a second cancel finds nothing").isEmpty();
    }

    /** Every batch with two calls or more gets a read of each master's big key, last: each node loses the replies. */
    private static final class LosingReplies implements Together {
        private final Together together;

        LosingReplies(Together together) {
            this.together = together;
        }

        @Override
        public List<Object> make(List<? extends Call<?>> calls) {
            if (calls.size() < 2) {
                return together.make(calls);
            }
            List<Call<?>> losing = new ArrayList<>(calls);
            bigKeys.forEach(key -> losing.add(bigRead(key)));
            return together.make(losing).subList(0, calls.size());
        }
    }

    /** Queued, the read that makes its node drop the connection; made again on its own, nothing (no second loss). */
    private static Piped<Void> bigRead(String key) {
        return Piped.of(pipeline -> pipeline.get(key), reply -> null, () -> null);
    }

    /** Connections the masters closed for a reply past the client output buffer limit, as their logs say. */
    private static long dropped() {
        long dropped = 0;
        for (Server master : masters) {
            try (Stream<String> log = Files.lines(master.log())) {
                dropped += log.filter(line -> line.contains("closed ASAP for overcoming of output buffer limits")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dropped;
    }

    private static Flow flow() {
        return new Flow() {
            @Override
            public String id() {
                return FLOW;
            }

            @Override
            public List<String> openInstances() {
                return List.of(INSTANCE);
            }

            @Override
            public FlowDefinition definition(String instance) {
                throw new UnsupportedOperationException("not needed to save, load or cancel a run");
            }

            @Override
            public Completion completion() {
                throw new UnsupportedOperationException("not needed to save, load or cancel a run");
            }

            @Override
            public Duration ttl() {
                return TTL;
            }
        };
    }

    private static Turn turn(String conversation) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setChannelId("msteams");
        activity.setConversation(new ConversationAccount(conversation));
        activity.setFrom(new ChannelAccount("29:someone", "Someone"));
        activity.setRecipient(new ChannelAccount("bot", "Signpost"));
        return Turn.of(new TurnContextImpl(NO_SENDS, activity), null, null, Senders.trial(), id -> Set.of());
    }

    /** A key the bot may read ({@code signpost:}) whose slot the master holds. */
    private static String keyOn(Server master) {
        for (int i = 0; ; i++) {
            String key = PREFIX + "test:big:" + i;
            if (redis.owner(key) == master) {
                return key;
            }
        }
    }
}
