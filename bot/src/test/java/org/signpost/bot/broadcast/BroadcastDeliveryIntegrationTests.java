package org.signpost.bot.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.bot.TestKeys;
import org.signpost.bot.TestRedis;
import org.signpost.bot.broadcast.BroadcastConnector.Answer;
import org.signpost.bot.broadcast.BroadcastConnector.Post;
import org.signpost.bot.keys.AppKeys;
import org.signpost.bot.redis.RedisConversationReferences;
import org.signpost.dialogs.broadcast.Audience;
import org.signpost.dialogs.broadcast.Broadcast;
import org.signpost.dialogs.broadcast.BroadcastState;
import org.signpost.dialogs.broadcast.Progress;

/**
 * A broadcast to 10,000 people through real Redis and real HTTP to a fake connector that throttles (429
 * with Retry-After), fails (5xx), refuses for good (403) and answers slowly, delivered by two instances in
 * JVMs of their own, one of them killed (SIGKILL) mid-broadcast and started again.
 */
class BroadcastDeliveryIntegrationTests {

    private static final int PEOPLE = 10_000;
    private static final int RATE = 400;
    private static final String TENANT = "tenant-1";

    @RegisterExtension
    static final TestRedis.PerClass redis = TestRedis.perClassEmptiedBeforeEach();
    private final BroadcastConnector connector = new BroadcastConnector();
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(Process::destroyForcibly);
        connector.close();
    }

    static int index(String conversationId) {
        return Integer.parseInt(conversationId.substring(conversationId.lastIndexOf('-') + 1));
    }

    static boolean blocked(int n) {
        return n % 97 == 0;
    }

    static boolean broken(int n) {
        return n % 89 == 0 && !blocked(n);
    }

    @Test
    void tenThousandPeopleGetOneMessageEachThroughFaultsAndACrash() throws Exception {
        connector.answer((conversation, nth) -> {
            int n = index(conversation);
            if (blocked(n)) {
                return new Answer(403, null, Duration.ZERO);
            } else if (broken(n)) {
                return new Answer(500, null, Duration.ZERO);
            } else if (nth == 1 && n % 1000 == 1) {
                return new Answer(429, "1", Duration.ZERO);
            } else if (nth == 1 && n % 61 == 0) {
                return new Answer(502, null, Duration.ZERO);
            } else if (nth == 1 && n % 67 == 0) {
                return new Answer(504, null, Duration.ZERO);
            } else if (n % 20 == 0) {
                return new Answer(200, null, Duration.ofMillis(600));
            }
            return Answer.ok();
        });
        AppKeys keys = TestKeys.appKeys();
        RedisConversationReferences references = new RedisConversationReferences(redis.client(),
                BroadcastWorker.PREFIX, keys.pseudonyms("reference"), keys.seal("reference"));
        for (int n = 0; n < PEOPLE; n++) {
            references.remember(personalChat(n));
        }
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis.client(), BroadcastWorker.PREFIX, Duration.ofDays(365), Clock.systemUTC());
        queue.schedule(new Broadcast("b1", TENANT, "Time to Talk", Audience.everyoneReachable(), Instant.now()));

        workers.add(startWorker());
        Process doomed = startWorker();
        workers.add(doomed);
        awaitPosts(3000);
        doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        int postsAtKill = connector.posts().size();
        workers.add(startWorker());
        Progress progress = awaitDone(queue, Duration.ofMinutes(3));

        List<Post> posts = connector.posts();
        Map<String, List<Post>> byConversation = posts.stream().collect(Collectors.groupingBy(Post::conversationId));
        long delivered = byConversation.values().stream().filter(p -> p.stream().anyMatch(s -> s.status() == 200))
                .count();
        long blockedPeople = IntStream.range(0, PEOPLE).filter(BroadcastDeliveryIntegrationTests::blocked).count();
        long brokenPeople = IntStream.range(0, PEOPLE).filter(BroadcastDeliveryIntegrationTests::broken).count();
        System.out.printf("Broadcast: %d posts (%d before the kill), %d conversations took one, %s%n", posts.size(),
                postsAtKill, delivered, progress);

        // nobody got it twice; the only ones not known to have it are the unknown ones
        assertThat(byConversation.values()).allSatisfy(p ->
                assertThat(p.stream().filter(s -> s.status() == 200).count()).isLessThanOrEqualTo(1));
        assertThat(progress.recipients()).isEqualTo(PEOPLE);
        assertThat(progress.pending()).isZero();
        assertThat(progress.delivered() + progress.gone() + progress.failed() + progress.unknown()).isEqualTo(PEOPLE);
        // those in flight when the instance was killed are unknown, whatever the connector would have said
        assertThat(progress.unknown()).isLessThanOrEqualTo(postsAtKill);
        assertThat(progress.gone()).isBetween(blockedPeople - progress.unknown(), blockedPeople);
        assertThat(progress.failed()).isBetween(brokenPeople - progress.unknown(), brokenPeople);
        assertThat(delivered).isBetween(progress.delivered(), progress.delivered() + progress.unknown());
        // no one is lost: everyone the connector would take got it, or is counted unknown
        long missing = IntStream.range(0, PEOPLE).filter(n -> !blocked(n) && !broken(n))
                .filter(n -> byConversation.getOrDefault(String.format("a:person-%05d", n), List.of()).stream()
                        .noneMatch(post -> post.status() == 200)).count();
        assertThat(missing).isLessThanOrEqualTo(progress.unknown());
        // a person who blocked the bot is forgotten
        assertThat(references.reference(TENANT, references.nameOf("msteams", "a:person-00097"))).isEmpty();
        assertThat(references.reference(TENANT, references.nameOf("msteams", "a:person-00001"))).isPresent();
        // within the rate, and one post at a time per conversation
        assertThat(connector.mostPostsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(RATE);
        assertThat(connector.overlaps()).isZero();
        // throttled and failed-for-now posts were tried again
        assertThat(byConversation.get("a:person-01001")).extracting(Post::status).startsWith(429).endsWith(200);
        assertThat(byConversation.get("a:person-00061")).extracting(Post::status).startsWith(502).endsWith(200);
    }

    private ConversationReference personalChat(int n) {
        ConversationReference reference = new ConversationReference();
        reference.setChannelId("msteams");
        reference.setServiceUrl(connector.serviceUrl());
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId(String.format("a:person-%05d", n));
        conversation.setConversationType("personal");
        conversation.setTenantId(TENANT);
        reference.setConversation(conversation);
        ChannelAccount user = new ChannelAccount("29:user-" + n);
        user.setAadObjectId("aad-" + n);
        reference.setUser(user);
        reference.setBot(new ChannelAccount("28:signpost"));
        return reference;
    }

    private Process startWorker() throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                BroadcastWorker.class.getName(), Integer.toString(redis.server().port()), redis.server().password(),
                Integer.toString(RATE), "3000", "200");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals("ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String more = output.readLine(); more != null; more = output.readLine()) {
                            System.out.println("worker: " + more);
                        }
                    } catch (IOException ignored) {
                        // the worker stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new IllegalStateException("The worker did not start");
    }

    private void awaitPosts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (connector.posts().size() < count) {
            assertThat(System.nanoTime()).as("posts arrive").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Progress awaitDone(RedisDeliveryQueue queue, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Progress progress = queue.progress("b1").orElseThrow();
            if (progress.state() == BroadcastState.DONE) {
                return progress;
            }
            assertThat(System.nanoTime()).as("the broadcast finishes: %s", progress).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

}
