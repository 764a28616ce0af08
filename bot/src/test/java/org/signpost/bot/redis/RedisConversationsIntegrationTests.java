package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.keys.AppKeys;
import org.signpost.dialogs.broadcast.Recipients;
import org.signpost.dialogs.flow.ActiveFlows;
import redis.clients.jedis.UnifiedJedis;

/** What Redis keeps about conversations, against a real (embedded) Redis: nothing that names one. */
class RedisConversationsIntegrationTests {

    private static final String PREFIX = "test:";
    private static final AppKeys KEYS = TestKeys.appKeys();

    @RegisterExtension
    static final TestRedis.PerClass server = TestRedis.perClassEmptiedBeforeEach();
    private final UnifiedJedis redis = server.client();

    @Test
    void exactlyOneOfTwoTurnsStartsAConversationAndTheIdleGapStartsItAgain() {
        RedisConversationActivity activity = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        Instant now = Instant.parse("2026-02-05T09:00:00Z");
        Duration gap = Duration.ofHours(12);
        assertThat(activity.markActive("msteams/a:1", now, gap)).isTrue();
        assertThat(activity.markActive("msteams/a:1", now.plusSeconds(61), gap)).isFalse();
        assertThat(activity.markActive("msteams/a:1", now.plus(gap), gap)).isFalse();
        assertThat(activity.markActive("msteams/a:1", now.plus(gap).plus(gap).plusSeconds(1), gap)).isTrue();
        assertThat(activity.markActive("msteams/a:2", now, gap)).isTrue();
        assertThat(redis.keys("*")).hasSize(2).allSatisfy(key -> {
            assertThat(key).matches("test:conv:\\{[0-9a-f]{64}}:active").doesNotContain("a:1", "a:2", "msteams");
            assertThat(redis.pttl(key)).isPositive();
        });
    }

    @Test
    void aTurnRightAfterThisInstancesOwnMarkIsNoStartWithoutAskingRedisAndStartsComeEarlierNeverLater() {
        RedisConversationActivity one = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        RedisConversationActivity two = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        String chat = "msteams/a:1";
        String stored = "test:conv:{" + KEYS.pseudonyms("conversation").of(chat) + "}:active";
        Instant t0 = Instant.parse("2026-02-05T09:00:00Z");
        Duration gap = Duration.ofHours(12);

        assertThat(one.markActive(chat, t0, gap)).isTrue();
        assertThat(redis.get(stored)).isEqualTo(millis(t0));
        assertThat(one.markActive(chat, t0.plusSeconds(59), gap)).isFalse();
        assertThat(redis.get(stored)).as("not asked: written by this instance a moment ago").isEqualTo(millis(t0));
        // another instance knows nothing of it, and asks
        assertThat(two.markActive(chat, t0.plusSeconds(30), gap)).isFalse();
        assertThat(redis.get(stored)).isEqualTo(millis(t0.plusSeconds(30)));
        // a minute after its own mark, this instance asks again
        Instant t1 = t0.plusSeconds(60);
        assertThat(one.markActive(chat, t1, gap)).isFalse();
        assertThat(redis.get(stored)).isEqualTo(millis(t1));
        // the last turn, 59 s later, is not written: the idle gap is counted from t1, so the next start comes
        // 59 s early (a signpost a little sooner), never later
        assertThat(one.markActive(chat, t1.plusSeconds(59), gap)).isFalse();
        assertThat(two.markActive(chat, t1.plus(gap), gap)).isTrue();

        // against a short idle gap, a mark is reused for a hundredth of it only
        Duration shortGap = Duration.ofMinutes(10);
        Instant t2 = t1.plus(gap).plus(shortGap);
        assertThat(one.markActive(chat, t2, shortGap)).isTrue();
        assertThat(one.markActive(chat, t2.plusSeconds(5), shortGap)).isFalse();
        assertThat(redis.get(stored)).isEqualTo(millis(t2));
        assertThat(one.markActive(chat, t2.plusSeconds(6), shortGap)).isFalse();
        assertThat(redis.get(stored)).isEqualTo(millis(t2.plusSeconds(6)));
        // what the instance remembers is the keyed name only
        assertThat(one.remembered()).isOne();
    }

    @Test
    void turnsArrivingTogetherOnTwoInstancesStartEachConversationExactlyOnce() throws Exception {
        RedisConversationActivity one = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        RedisConversationActivity two = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        Instant now = Instant.parse("2026-02-05T09:00:00Z");
        Duration gap = Duration.ofHours(12);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 50; i++) {
                String chat = "msteams/a:together-" + i;
                List<Callable<Boolean>> turns = List.of(() -> one.markActive(chat, now, gap),
                        () -> two.markActive(chat, now, gap), () -> one.markActive(chat, now, gap),
                        () -> two.markActive(chat, now.plusMillis(1), gap));
                long starts = 0;
                for (Future<Boolean> started : pool.invokeAll(turns)) {
                    starts += started.get() ? 1 : 0;
                }
                assertThat(starts).as("starts of " + chat).isOne();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theRememberedMarksAreBoundedInNumberAndInTime() {
        RecentMarks marks = new RecentMarks(3);
        Instant t0 = Instant.parse("2026-02-05T09:00:00Z");
        Duration window = Duration.ofMinutes(1);
        for (int i = 0; i < 5; i++) {
            marks.marked("name-" + i, t0.plusSeconds(i), window);
        }
        assertThat(marks.size()).isEqualTo(3);
        assertThat(marks.within("name-0", t0.plusSeconds(5), window)).as("the oldest went first").isFalse();
        assertThat(marks.within("name-4", t0.plusSeconds(5), window)).isTrue();
        assertThat(marks.within("name-4", t0.plusSeconds(64), window)).as("past its window").isFalse();
        marks.marked("name-5", t0.plusSeconds(63), window);
        assertThat(marks.size()).as("marks older than the window go at the next mark").isEqualTo(2);
        marks.marked("name-5", t0.plusSeconds(10), window);
        assertThat(marks.within("name-5", t0.plusSeconds(70), window)).as("a mark never moves back").isTrue();
    }

    private static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    @Test
    void removingSignpostForgetsWhenTheConversationWasActiveSoThatAddingItAgainStartsIt() {
        RedisConversationActivity one = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        RedisConversationActivity two = new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"));
        Instant now = Instant.parse("2026-02-05T09:00:00Z");
        Duration gap = Duration.ofHours(12);
        assertThat(one.markActive("msteams/a:1", now, gap)).isTrue();
        assertThat(one.markActive("msteams/a:2", now, gap)).isTrue();

        one.forget("msteams/a:1");

        assertThat(redis.keys("*")).as("only the other conversation's mark").hasSize(1);
        // this instance's own recent mark went too: the next turn asks Redis, and it is a start
        assertThat(one.markActive("msteams/a:1", now.plusSeconds(1), gap)).isTrue();
        two.forget("msteams/a:1");
        assertThat(two.markActive("msteams/a:1", now.plusSeconds(2), gap)).isTrue();
        assertThat(one.markActive("msteams/a:2", now.plusSeconds(2), gap)).isFalse();
    }

    @Test
    void theFlowInProgressIsSealedUnderANameOfItsOwnWithOneLengthWhateverTheFlow() {
        RedisActiveFlows active = new RedisActiveFlows(redis, PREFIX, KEYS.pseudonyms("flow"), KEYS.seal("flow"));
        new RedisConversationActivity(redis, PREFIX, KEYS.pseudonyms("conversation"))
                .markActive("msteams/a:1", Instant.parse("2026-02-05T09:00:00Z"), Duration.ofHours(12));
        active.set("msteams/a:1", new ActiveFlows.Active("survey", "baseline-2026"), Duration.ofHours(4));
        active.set("msteams/a:2", new ActiveFlows.Active("focusgroup-signup", "s"), Duration.ofHours(4));

        assertThat(active.get("msteams/a:1")).contains(new ActiveFlows.Active("survey", "baseline-2026"));
        assertThat(active.get("msteams/a:2")).contains(new ActiveFlows.Active("focusgroup-signup", "s"));
        assertThat(active.get("msteams/a:3")).isEmpty();
        List<String> flowKeys = redis.keys("*").stream().filter(key -> key.endsWith(":flow")).toList();
        String lastActive = redis.keys("*").stream().filter(key -> key.endsWith(":active")).findFirst().orElseThrow();
        assertThat(flowKeys).hasSize(2).allSatisfy(key -> {
            assertThat(key).matches("test:conv:\\{[0-9a-f]{64}}:flow").doesNotContain("a:1", "a:2", "msteams");
            // not the last-active record's name: a reader cannot tell which conversation is in a flow
            assertThat(key.substring(0, key.indexOf('}'))).isNotEqualTo(lastActive.substring(0, lastActive.indexOf('}')));
            String value = new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
            assertThat(value).doesNotContain("survey", "baseline", "focusgroup");
            assertThat(redis.pttl(key)).isBetween(1L, Duration.ofHours(4).toMillis());
        });
        assertThat(flowKeys.stream().map(key -> redis.strlen(key)).distinct()).as("one length").hasSize(1);

        active.clear("msteams/a:1");
        assertThat(active.get("msteams/a:1")).isEmpty();
        // a record moved under another conversation's name does not open
        byte[] moved = redis.get(flowKeys.get(0).getBytes(StandardCharsets.UTF_8));
        redis.set(Keyspace.CONV.key(PREFIX, KEYS.pseudonyms("flow").of("msteams/a:9"), ":flow")
                .getBytes(StandardCharsets.UTF_8), moved);
        assertThat(active.get("msteams/a:9")).isEmpty();
    }

    @Test
    void referencesAreSealedAndFoundAgainOnlyWithTheKeys() {
        RedisConversationReferences references = new RedisConversationReferences(redis, PREFIX,
                KEYS.pseudonyms("reference"), KEYS.seal("reference"));
        references.remember(reference("a:personal-1", "29:user-1", "aad-1"));

        assertThat(references.personalChatWith("msteams", "29:user-1")).get().satisfies(found -> {
            assertThat(found.getConversation().getId()).isEqualTo("a:personal-1");
            assertThat(found.getUser().getAadObjectId()).isEqualTo("aad-1");
            assertThat(found.getServiceUrl()).isEqualTo("https://smba.example/emea/");
        });
        // announcements reach the chat by its keyed name only
        String reach = "test:ref:{reach:" + KEYS.pseudonyms("reference").of("tenant", "tenant-1") + "}";
        assertThat(redis.smembers(reach)).containsExactly(references.nameOf("msteams", "a:personal-1"));
        assertThat(redis.keys("*")).hasSize(3).filteredOn(key -> !key.equals(reach)).hasSize(2).allSatisfy(key -> {
            assertThat(key).matches("test:ref:\\{[0-9a-f]{64}}").doesNotContain("a:personal-1", "29:user-1");
            String value = new String(redis.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
            assertThat(value).doesNotContain("a:personal-1", "29:user-1", "aad-1", "smba", "tenant-1");
        });

        AppKeys others = new AppKeys("another-sealing-key-of-32-characters-x".getBytes(StandardCharsets.UTF_8),
                KEYS.respondentTokenKey());
        RedisConversationReferences withOtherKeys = new RedisConversationReferences(redis, PREFIX,
                others.pseudonyms("reference"), others.seal("reference"));
        assertThat(withOtherKeys.personalChatWith("msteams", "29:user-1")).isEmpty();

        references.forget("msteams", "a:personal-1");
        // what is left is the person's keyed name among those who left, so that no roster pass opens the chat again
        String left = "test:ref:{left:" + KEYS.pseudonyms("reference").of("tenant", "tenant-1") + "}";
        assertThat(redis.keys("*")).containsExactly(left);
        assertThat(redis.smembers(left)).singleElement().asString().matches("[0-9a-f]{64}");
        assertThat(references.personalChatWith("msteams", "29:user-1")).isEmpty();
    }

    @Test
    void announcementsReachPersonalChatsUntilStoppedRemovedOrBlocked() {
        RedisConversationReferences references = new RedisConversationReferences(redis, PREFIX,
                KEYS.pseudonyms("reference"), KEYS.seal("reference"));
        RedisAnnouncementReach reach = new RedisAnnouncementReach(references);
        for (int n = 1; n <= 5; n++) {
            references.remember(reference("a:personal-" + n, "29:user-" + n, "aad-" + n));
        }
        assertThat(everyoneReachable(reach)).hasSize(5);

        ConversationReference third = reference("a:personal-3", "29:user-3", "aad-3");
        reach.stopAnnouncements(third);
        references.remember(third);
        assertThat(everyoneReachable(reach)).as("a reinstall does not undo a stop").hasSize(4)
                .doesNotContain(references.nameOf("msteams", "a:personal-3"));
        assertThat(reach.optedOut("tenant-1")).isOne();
        assertThat(references.personalChatWith("msteams", "29:user-3")).as("kept for the safety net").isPresent();

        reach.forgetGone("tenant-1", references.nameOf("msteams", "a:personal-4"));
        references.forget("msteams", "a:personal-5");
        assertThat(everyoneReachable(reach)).hasSize(2);
        assertThat(references.reference("tenant-1", references.nameOf("msteams", "a:personal-4"))).isEmpty();

        reach.startAnnouncements(third);
        assertThat(everyoneReachable(reach)).hasSize(3);
        assertThat(reach.optedOut("tenant-1")).isZero();
        assertThat(references.reference("tenant-1", references.nameOf("msteams", "a:personal-1")))
                .get().extracting(found -> found.getConversation().getId()).isEqualTo("a:personal-1");
    }

    private static List<String> everyoneReachable(RedisAnnouncementReach reach) {
        List<String> names = new ArrayList<>();
        String cursor = "";
        do {
            Recipients.Page page = reach.reachable("tenant-1", cursor, 2);
            names.addAll(page.names());
            cursor = page.next();
        } while (!cursor.isEmpty());
        return names;
    }

    private static ConversationReference reference(String conversationId, String userId, String aadObjectId) {
        ConversationReference reference = new ConversationReference();
        reference.setChannelId("msteams");
        reference.setServiceUrl("https://smba.example/emea/");
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(conversationId);
        conversation.setConversationType("personal");
        conversation.setTenantId("tenant-1");
        reference.setConversation(conversation);
        ChannelAccount user = new ChannelAccount(userId);
        user.setAadObjectId(aadObjectId);
        reference.setUser(user);
        reference.setBot(new ChannelAccount("28:bot"));
        return reference;
    }
}
