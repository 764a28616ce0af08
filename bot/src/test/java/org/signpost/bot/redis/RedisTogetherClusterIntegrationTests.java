package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.signpost.bot.RedisProcesses;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.TestKeys;
import org.signpost.bot.ThreeMasterCluster;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.flow.ActiveFlows.Active;
import org.signpost.dialogs.flow.FlowRun;
import org.signpost.dialogs.flow.FlowRunStore;
import org.signpost.dialogs.kernel.Together;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The turn's calls made together ({@link RedisTogether}) in a real Redis Cluster (three masters, Debian's
 * redis-server on loopback), through the adapters a turn uses, where a pipeline meets what a single command
 * would follow by itself: a slot that moved after the client cached the slot map, and connections lost in the
 * middle of a batch. And every call a turn makes together answers the same when made again after its first
 * attempt applied (a reply lost after the command ran).
 */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class RedisTogetherClusterIntegrationTests {

    private static final String PREFIX = "signpost:";
    private static final AppKeys KEYS = TestKeys.appKeys();
    private static final Duration GAP = Duration.ofHours(12);
    private static final Duration TTL = Duration.ofHours(2);
    private static final String FLOW = "focusgroup-signup";
    private static final String INSTANCE = "session-tuesday-2026";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    /** Past the moment this instance takes a turn after its own mark as no start without asking. */
    private static final Duration PAST_REUSE = RedisConversationActivity.MOST_REUSE.plusSeconds(5);

    private static ThreeMasterCluster redis;
    private static List<Server> masters;
    private static UnifiedJedis cluster;
    private static RedisTogether together;
    private static RedisConversationActivity activity;
    private static RedisActiveFlows pointers;
    private static FlowRunStore runs;

    @BeforeAll
    static void start() {
        redis = ThreeMasterCluster.start("signpost-together-cluster");
        masters = redis.masters();
        cluster = redis.client();
        together = new RedisTogether(cluster);
        activity = new RedisConversationActivity(cluster, PREFIX, KEYS.pseudonyms("conversation"));
        pointers = new RedisActiveFlows(cluster, PREFIX, KEYS.pseudonyms("flow"), KEYS.seal("flow"));
        runs = new RedisFlowRuns(cluster, PREFIX, KEYS.pseudonyms("flow-run"), KEYS.seal("flow-run")).of(FLOW, TTL);
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aCallWhoseSlotMovedAfterTheClientCachedTheSlotMapIsMadeWhereTheSlotIsNow() {
        String conversation = "msteams/a:moved-1";
        FlowRun begun = new FlowRun(FLOW, INSTANCE, 1, Map.of(), null);
        assertThat(together.make(List.of(activity.markActiveCall(conversation, NOW, GAP),
                runs.saveCall(conversation, begun), pointers.setCall(conversation, new Active(FLOW, INSTANCE), TTL))))
                .containsExactly(true, true, null);

        // resharding: the slots of the turn's keys go to other masters; the client's slot map is now stale
        String activeKey = Keyspace.CONV.key(PREFIX, KEYS.pseudonyms("conversation").of(conversation), ":active");
        String runKey = Keyspace.PROGRESS.key(PREFIX, KEYS.pseudonyms("flow-run").of(FLOW, INSTANCE, conversation));
        Server activeWasOn = owner(activeKey);
        moveSlot(activeKey);
        moveSlot(runKey);
        assertThat(owner(activeKey)).isNotSameAs(activeWasOn);

        // the next turn, after the idle gap: first contact starts the conversation again, the run is read
        Instant later = NOW.plus(GAP).plusSeconds(1);
        List<Object> second = together.make(List.of(activity.markActiveCall(conversation, later, GAP),
                runs.loadAheadCall(INSTANCE, conversation)));
        assertThat(second.get(0)).as("first contact after the gap").isEqualTo(true);
        FlowRun loaded = opened(second.get(1)).orElseThrow();
        assertThat(loaded.next()).isEqualTo(1);
        FlowRun answered = new FlowRun(FLOW, INSTANCE, 2, Map.of("name", "Alex"), loaded.revision());
        assertThat(together.make(List.of(activity.markActiveCall(conversation, later.plus(PAST_REUSE), GAP),
                runs.saveCall(conversation, answered)))).containsExactly(false, true);
        assertThat(runs.load(INSTANCE, conversation)).get().extracting(FlowRun::next).isEqualTo(2);
        try (UnifiedJedis admin = owner(activeKey).admin()) {
            assertThat(admin.get(activeKey)).isEqualTo(Long.toString(later.plus(PAST_REUSE).toEpochMilli()));
        }
    }

    @Test
    void callsWhoseConnectionsAreLostInTheMiddleOfABatchAreMadeAgainAndAnswerRight() {
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            conversations.add("msteams/a:lost-" + i);
        }
        List<Together.Call<?>> calls = new ArrayList<>();
        for (String conversation : conversations) {
            calls.add(activity.markActiveCall(conversation, NOW, GAP));
            calls.add(runs.saveCall(conversation, new FlowRun(FLOW, INSTANCE, 1, Map.of(), null)));
        }
        // queued last: by then the pipeline holds a connection to every master, and each is killed before the
        // replies are read (a 16 KiB run does not fit the client's buffer, so some saves have gone out already)
        calls.add(new KillConnections());
        assertThat(new HashSet<>(conversations.stream().map(this::ownerOfActive).toList())).hasSize(3);

        List<Object> results = together.make(calls);

        for (int i = 0; i < conversations.size(); i++) {
            assertThat(results.get(2 * i)).as("first contact of " + conversations.get(i)).isEqualTo(true);
            assertThat(results.get(2 * i + 1)).as("the run's first save of " + conversations.get(i)).isEqualTo(true);
            assertThat(runs.load(INSTANCE, conversations.get(i))).get().extracting(FlowRun::next).isEqualTo(1);
        }
    }

    @Test
    void everyCallATurnMakesTogetherAnswersTheSameWhenMadeAgainAfterItsFirstAttemptApplied() {
        String conversation = "msteams/a:again-1";
        Together.Call<Boolean> starts = activity.markActiveCall(conversation, NOW, GAP);
        assertThat(starts.alone()).isTrue();
        assertThat(starts.again()).as("first contact made again: signposting twice, never none").isTrue();
        Together.Call<Boolean> continues = activity.markActiveCall(conversation, NOW.plusSeconds(60), GAP);
        assertThat(continues.alone()).isFalse();
        assertThat(activity.markActiveCall(conversation, NOW.plusSeconds(120), GAP).alone())
                .as("a later turn is still no start").isFalse();

        Together.Call<Boolean> begin = runs.saveCall(conversation, new FlowRun(FLOW, INSTANCE, 1, Map.of(), null));
        assertThat(begin.alone()).isTrue();
        assertThat(begin.again()).as("a run's first save made again").isTrue();
        FlowRun loaded = runs.load(INSTANCE, conversation).orElseThrow();
        Together.Call<Boolean> answer = runs.saveCall(conversation,
                new FlowRun(FLOW, INSTANCE, 2, Map.of("name", "Alex"), loaded.revision()));
        assertThat(answer.alone()).isTrue();
        assertThat(answer.again()).as("a compare-and-set save made again").isTrue();
        assertThat(runs.saveCall(conversation, new FlowRun(FLOW, INSTANCE, 3, Map.of(), loaded.revision())).alone())
                .as("another save over the revision that moved on still loses").isFalse();

        Together.Call<Void> pointer = pointers.setCall(conversation, new Active(FLOW, INSTANCE), TTL);
        pointer.alone();
        pointer.again();
        assertThat(pointers.get(conversation)).contains(new Active(FLOW, INSTANCE));
    }

    @SuppressWarnings("unchecked")
    private static Optional<FlowRun> opened(Object loadAhead) {
        return ((Supplier<Optional<FlowRun>>) loadAhead).get();
    }

    private Server ownerOfActive(String conversation) {
        return owner(Keyspace.CONV.key(PREFIX, KEYS.pseudonyms("conversation").of(conversation), ":active"));
    }

    private static Server owner(String key) {
        return redis.owner(key);
    }

    /** The standard resharding steps for the key's slot: importing, migrating, the keys moved, the slot given. */
    private static void moveSlot(String key) {
        String slot = Integer.toString(JedisClusterCRC16.getSlot(key));
        Server from = owner(key);
        Server to = masters.stream().filter(master -> master != from).findFirst().orElseThrow();
        try (UnifiedJedis source = from.admin(); UnifiedJedis target = to.admin()) {
            String fromId = RedisProcesses.text(source.sendCommand(Protocol.Command.CLUSTER, "MYID"));
            String toId = RedisProcesses.text(target.sendCommand(Protocol.Command.CLUSTER, "MYID"));
            target.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", slot, "IMPORTING", fromId);
            source.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", slot, "MIGRATING", toId);
            for (Object name : (List<?>) source.sendCommand(Protocol.Command.CLUSTER, "GETKEYSINSLOT", slot, "100")) {
                source.sendCommand(Protocol.Command.MIGRATE, "127.0.0.1", Integer.toString(to.port()),
                        RedisProcesses.text(name), "0", "5000", "AUTH", RedisProcesses.ADMIN_PASSWORD);
            }
            for (Server master : masters) {
                try (UnifiedJedis admin = master.admin()) {
                    admin.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", slot, "NODE", toId);
                }
            }
        }
        RedisProcesses.await(() -> owner(key) == to, "the slot to move");
    }

    /** A call that, once queued, kills every connection the bot's user has to every master. */
    private static final class KillConnections implements Piped<Void> {
        @Override
        public Supplier<Void> queue(PipeliningBase pipeline) {
            alone();
            return () -> null;
        }

        @Override
        public Void alone() {
            for (Server master : masters) {
                try (UnifiedJedis admin = master.admin()) {
                    admin.sendCommand(Protocol.Command.CLIENT, "KILL", "USER", RedisProcesses.BOT_USER);
                }
            }
            return null;
        }
    }
}
