package org.signpost.bot.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.bot.SignpostApplication;
import org.signpost.bot.TestKeys;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.focusgroup.Address;
import org.signpost.dialogs.focusgroup.Attendee;
import org.signpost.dialogs.focusgroup.FocusGroupStore;
import org.signpost.dialogs.focusgroup.FocusGroups;
import org.signpost.dialogs.focusgroup.Placement;
import org.signpost.dialogs.focusgroup.Session;
import org.signpost.dialogs.focusgroup.SignUp;
import org.signpost.dialogs.focusgroup.Withdrawal;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one Redis: more people than places ask at the same moment, half through
 * each. The session never has more people than places, everyone not seated is on the waiting list in
 * the order Redis took them, and what each person was told is where they are. Then people with places
 * withdraw at the same moment through both instances: each place goes to the next waiter, nobody is lost.
 */
class FocusGroupConcurrencyIntegrationTests {

    static final String SESSION = "s-concurrent01";
    static final int PLACES = 5;
    static final int PEOPLE = 24;

    @TempDir
    static Path folder;
    static EmbeddedRedis server;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        server = EmbeddedRedis.start(folder.resolve("redis"));
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        server.close();
    }

    @Test
    void moreSignUpsThanPlacesAtOnceThroughTwoInstancesNeverOverfillAndLoseNobody() throws Exception {
        List<FocusGroups> instances = List.of(first.getBean(FocusGroups.class), second.getBean(FocusGroups.class));
        FocusGroupStore store = instances.get(0).store();
        assertThat(store.session(SESSION)).as("seeded once, seen by both").isPresent();
        assertThat(instances.get(1).store().sessions()).extracting(Session::id).containsOnlyOnce(SESSION);

        Map<Integer, Placement> told = new ConcurrentHashMap<>();
        race(PEOPLE, person -> told.put(person, instances.get(person % 2).store()
                .signUp(attendee(person), true, Instant.now())));

        List<Attendee> seated = store.seated(SESSION);
        List<Attendee> waiting = store.waiting(SESSION);
        assertThat(seated).hasSize(PLACES);
        assertThat(waiting).hasSize(PEOPLE - PLACES);
        assertThat(told.values()).filteredOn(Placement.SEATED::equals).hasSize(PLACES);
        assertThat(told.values()).filteredOn(Placement.WAITING::equals).hasSize(PEOPLE - PLACES);
        for (int person = 0; person < PEOPLE; person++) {
            boolean hasPlace = seated.contains(attendee(person));
            assertThat(told.get(person)).as("what person %d was told", person)
                    .isEqualTo(hasPlace ? Placement.SEATED : Placement.WAITING);
            assertThat(hasPlace || waiting.contains(attendee(person))).isTrue();
        }

        // everyone with a place withdraws at once, through both instances
        Map<Integer, Withdrawal> withdrawals = new ConcurrentHashMap<>();
        race(PLACES, i -> withdrawals.put(i, instances.get(i % 2).withdraw(SESSION, seated.get(i).address())));
        List<Attendee> promoted = withdrawals.values().stream().map(w -> w.promoted().orElseThrow()).toList();
        assertThat(promoted).containsExactlyInAnyOrderElementsOf(waiting.subList(0, PLACES));
        assertThat(store.seated(SESSION)).containsExactlyInAnyOrderElementsOf(waiting.subList(0, PLACES));
        assertThat(store.waiting(SESSION)).containsExactlyElementsOf(waiting.subList(PLACES, waiting.size()));
    }

    private static void race(int count, IntConsumer action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int person = i;
            done.add(pool.submit(() -> {
                go.await();
                action.accept(person);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    private static Attendee attendee(int person) {
        return new Attendee(new SignUp(SESSION, "Racer " + person, "racer" + person + "@example.org", "consent-1",
                Instant.parse("2026-02-05T09:00:00Z")), new Address("msteams", "29:racer-" + person));
    }

    private static ConfigurableApplicationContext instance() {
        LocalDateTime start = LocalDateTime.now(Session.LONDON).plusDays(7).truncatedTo(ChronoUnit.HOURS);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--signpost.redis.url=redis://:" + server.password() + "@127.0.0.1:" + server.port(),
                "--signpost.redis.data-folder=" + folder.resolve("unused"),
                "--signpost.focusgroups.sessions[0].id=" + SESSION,
                "--signpost.focusgroups.sessions[0].title=Concurrent",
                "--signpost.focusgroups.sessions[0].start=" + start,
                "--signpost.focusgroups.sessions[0].place=Room 1",
                "--signpost.focusgroups.sessions[0].capacity=" + PLACES));
        args.addAll(TestKeys.arguments());
        return new SpringApplicationBuilder(SignpostApplication.class).run(args.toArray(String[]::new));
    }
}
