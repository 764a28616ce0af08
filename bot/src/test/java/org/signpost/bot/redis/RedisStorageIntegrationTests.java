package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.bot.builder.StoreItem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.TestRedis;
import redis.clients.jedis.UnifiedJedis;

/** The Redis adapters against a real (embedded) Redis server. */
class RedisStorageIntegrationTests {

    private static final String PREFIX = "test:";

    @TempDir
    static Path data;
    static EmbeddedRedis server;
    static UnifiedJedis redis;

    private final RedisStorage storage = new RedisStorage(redis, PREFIX, Keyspace.CONV);

    @BeforeAll
    static void startRedis() {
        server = EmbeddedRedis.start(data);
        redis = TestRedis.client(server);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    public static class Note implements StoreItem {
        public String text;
        private String eTag;

        public Note() {
        }

        Note(String text, String eTag) {
            this.text = text;
            this.eTag = eTag;
        }

        @Override
        public String getETag() {
            return eTag;
        }

        @Override
        public void setETag(String withETag) {
            eTag = withETag;
        }
    }

    @Test
    void writesReadsAndDeletesWithTheKeyspacesPrefixTagAndTtl() {
        Map<String, Object> state = new HashMap<>();
        state.put("step", 3);
        state.put("started", List.of("a", "b"));
        storage.write(Map.of("msteams/conversations/a:1", state)).join();

        Map<String, Object> read = storage.read(new String[] {"msteams/conversations/a:1", "missing"}).join();
        assertThat(read).containsOnlyKeys("msteams/conversations/a:1");
        assertThat(read.get("msteams/conversations/a:1")).isEqualTo(state);
        assertThat(redis.keys("*")).containsExactly("test:conv:{msteams/conversations/a:1}");
        long ttl = redis.pttl("test:conv:{msteams/conversations/a:1}");
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).toMillis());

        storage.delete(new String[] {"msteams/conversations/a:1"}).join();
        assertThat(storage.read(new String[] {"msteams/conversations/a:1"}).join()).isEmpty();
    }

    @Test
    void storeItemsUseOptimisticConcurrency() {
        storage.write(Map.of("k", new Note("first", null))).join();
        Note mine = (Note) storage.read(new String[] {"k"}).join().get("k");
        Note theirs = (Note) storage.read(new String[] {"k"}).join().get("k");
        assertThat(mine.getETag()).isNotBlank().isEqualTo(theirs.getETag());

        theirs.text = "theirs";
        storage.write(Map.of("k", theirs)).join();
        mine.text = "mine";
        assertThatThrownBy(() -> storage.write(Map.of("k", mine)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RedisStorage.StorageConflictException.class);
        assertThat(((Note) storage.read(new String[] {"k"}).join().get("k")).text).isEqualTo("theirs");

        assertThatThrownBy(() -> storage.write(Map.of("k", new Note("new item", null))).join())
                .hasCauseInstanceOf(RedisStorage.StorageConflictException.class);
        storage.write(Map.of("k", new Note("forced", "*"))).join();
        assertThat(((Note) storage.read(new String[] {"k"}).join().get("k")).text).isEqualTo("forced");
    }

    @Test
    void refusesToLoadATypeOutsideTheAllowList() {
        redis.hset("test:conv:{evil}", Map.of("etag", "1", "type", "javax.naming.InitialContext", "json", "{}"));
        assertThatThrownBy(() -> storage.read(new String[] {"evil"}).join())
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void exactlyOneOfTwoTurnsStartsAConversationAndTheIdleGapStartsItAgain() {
        RedisConversationActivity activity = new RedisConversationActivity(redis, PREFIX);
        Instant now = Instant.parse("2026-02-05T09:00:00Z");
        Duration gap = Duration.ofHours(12);
        assertThat(activity.markActive("msteams/a:1", now, gap)).isTrue();
        assertThat(activity.markActive("msteams/a:1", now.plusSeconds(1), gap)).isFalse();
        assertThat(activity.markActive("msteams/a:1", now.plus(gap), gap)).isFalse();
        assertThat(activity.markActive("msteams/a:1", now.plus(gap).plus(gap).plusSeconds(1), gap)).isTrue();
        assertThat(activity.markActive("msteams/a:2", now, gap)).isTrue();
        assertThat(redis.pttl("test:conv:{msteams/a:1}:active")).isPositive();
    }
}
