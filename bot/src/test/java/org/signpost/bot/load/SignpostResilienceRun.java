package org.signpost.bot.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import org.signpost.bot.Activities;
import org.signpost.bot.FakeConnector;
import org.signpost.bot.RedisFaultProxy;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import org.signpost.bot.SurveyRespondent;
import org.signpost.bot.SurveyTally;
import org.signpost.bot.TestRedis;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import redis.clients.jedis.UnifiedJedis;

/**
 * Three instances on one Redis, run as production runs them (separate processes, an app id, signed tokens),
 * behind a load balancer that spreads each conversation over them: people take the survey concurrently,
 * 10% of activities are redelivered (at once to another instance, or again later), every submission is
 * double-clicked on two instances, and one instance is killed with SIGKILL mid-run. The people it was
 * serving carry on on the others (their next activity, or the channel's redelivery of the one in flight),
 * and the totals are exactly the tally of everyone's answers: nothing partial, nothing twice.
 * Not in the default test run; see docs/benchmarks.md.
 */
class SignpostResilienceRun {

    static final int PEOPLE = Integer.getInteger("resilience.people", 240);

    @Test
    void threeInstancesRedeliveriesDoubleClicksAndAKilledInstanceKeepTheTotalsExact() throws Exception {
        try (LoadSetup setup = new LoadSetup("resilience")) {
            List<BotProcess> instances = startInParallel(setup, List.of("instance-1", "instance-2", "instance-3"));
            List<BotProcess> alive = Collections.synchronizedList(new ArrayList<>(instances));
            SurveyTally tally = new SurveyTally();
            Random random = new Random(14);
            AtomicInteger started = new AtomicInteger();
            AtomicInteger redelivered = new AtomicInteger();
            AtomicInteger resent = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService people = Executors.newFixedThreadPool(24);
            ExecutorService duplicates = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            long begin = System.nanoTime();
            for (int p = 0; p < PEOPLE; p++) {
                Map<String, String> answers = SurveyTally.randomAnswers(new Random(random.nextLong()));
                tally.add(answers);
                int person = p;
                done.add(people.submit(() -> {
                    Random own = new Random(person);
                    List<String> script = script(setup, person, answers);
                    for (int step = 0; step < script.size(); step++) {
                        if (started.incrementAndGet() == PEOPLE * 6 && killed.compareAndSet(false, true)) {
                            // mid-run, a crash: no shutdown, no flush, requests in flight cut
                            BotProcess victim = instances.get(1);
                            alive.remove(victim);
                            victim.kill();
                            System.out.printf("killed %s with SIGKILL after %.1f s%n", victim.name(),
                                    (System.nanoTime() - begin) / 1e9);
                        }
                        String activity = script.get(step);
                        boolean submit = step == script.size() - 1;
                        int target = person + step;
                        if (submit) {
                            // a double click: two submissions at once, on two instances
                            Future<?> other = duplicates.submit(() -> deliver(setup, alive, target + 1, activity, resent));
                            deliver(setup, alive, target, activity, resent);
                            await(other);
                        } else if (own.nextInt(10) == 0) {
                            redelivered.incrementAndGet();
                            if (own.nextBoolean()) {
                                Future<?> other = duplicates.submit(() -> deliver(setup, alive, target + 1, activity, resent));
                                deliver(setup, alive, target, activity, resent);
                                await(other);
                            } else {
                                deliver(setup, alive, target, activity, resent);
                                deliver(setup, alive, target + 1, activity, resent);
                            }
                        } else {
                            deliver(setup, alive, target, activity, resent);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> person : done) {
                person.get(10, TimeUnit.MINUTES);
            }
            people.shutdown();
            duplicates.shutdown();
            System.out.printf("%d people, %d activities redelivered, %d sends retried on another instance after "
                    + "a failure, in %.1f s%n", PEOPLE, redelivered.get(), resent.get(), (System.nanoTime() - begin) / 1e9);
            assertThat(killed).isTrue();
            try (UnifiedJedis redis = TestRedis.client(setup.redis)) {
                tally.assertTotals(redis, "signpost:", LoadSetup.ROUND);
            }
        }
    }

    /**
     * Redis stops (frozen: connections open, nothing answered, as a stopped process) for ten seconds while
     * an instance carries 100 turns a second. Probes from new conversations every quarter second measure how
     * long an affected turn takes to answer, and must get the apology with the support line; once Redis is
     * back the instance serves again by itself, with no restart.
     */
    @Test
    void redisStoppedForTenSecondsUnderLoad() throws Exception {
        Wording wording = new Messages(ContentFolder.shipped()).wording("en-GB");
        try (LoadSetup setup = new LoadSetup("outage");
                FakeConnector connector = new FakeConnector();
                RedisFaultProxy proxy = new RedisFaultProxy(setup.redis.port());
                BotProcess instance = setup.signpost("outage", proxy.port())) {
            String authorization = setup.authorizationFor(connector.serviceUrl());
            Traffic traffic = new Traffic(Traffic.Kind.SURVEY, connector.serviceUrl(), LoadSetup.ROUND, LoadSetup.SURVEY,
                    500, "outage");
            HttpLoad load = new HttpLoad(instance.port(), authorization);
            load.closedLoop(lane -> traffic.lane(lane, 16), 16, Duration.ofSeconds(30));
            ExecutorService background = Executors.newSingleThreadExecutor();
            Future<HttpLoad.Result> underLoad = background.submit(() -> load.fixedRate(lane -> traffic.lane(lane, 32), 100, 32,
                    Duration.ofSeconds(30)));
            Thread.sleep(8_000);

            List<Long> during = new ArrayList<>();
            long stopped = System.nanoTime();
            proxy.frozen(true);
            int probe = 0;
            while (System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(10)) {
                String conversation = "a:outage-probe-" + probe++;
                during.add(probe(setup, instance, authorization, connector, conversation));
                assertThat(last(connector, conversation)).as("answer during the outage")
                        .isEqualTo(wording.text("error.apology"));
                Thread.sleep(250);
            }
            proxy.frozen(false);
            long back = System.nanoTime();
            long firstGood = -1;
            for (int normal = 0; normal < 5; probe++) {
                String conversation = "a:outage-probe-" + probe;
                probe(setup, instance, authorization, connector, conversation);
                boolean good = !wording.text("error.apology").equals(last(connector, conversation));
                if (good && firstGood < 0) {
                    firstGood = System.nanoTime() - back;
                }
                assertThat(good || firstGood < 0).as("once back, every turn is served").isTrue();
                normal += good ? 1 : 0;
                assertThat(System.nanoTime() - back).as("service returns by itself")
                        .isLessThan(TimeUnit.SECONDS.toNanos(30));
                Thread.sleep(100);
            }
            HttpLoad.Result result = underLoad.get(2, TimeUnit.MINUTES);
            background.shutdown();
            Collections.sort(during);
            System.out.printf("Redis stopped for 10 s under 100 turns/s: %d probe turns answered with the apology in "
                    + "p50 %d ms, max %d ms; first normal answer %d ms after Redis came back; background turns: %s, "
                    + "p99 %.0f ms, max %.0f ms%n", during.size(), during.get(during.size() / 2),
                    during.get(during.size() - 1), firstGood / 1_000_000, result.statuses(), result.percentileMillis(99),
                    result.percentileMillis(100));
            assertThat(result.errors()).as("every background turn got an answer").isZero();
        }
    }

    private static long probe(LoadSetup setup, BotProcess instance, String authorization, FakeConnector connector,
            String conversation) {
        Activities person = new Activities(connector.serviceUrl(), "29:" + conversation, "Person", "aad-" + conversation);
        try (HttpLoad.Client client = new HttpLoad.Client(instance.port(), authorization)) {
            long start = System.nanoTime();
            int status = client.post(person.message(conversation, "what do you keep about me").toString()
                    .getBytes(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(status).isEqualTo(200);
            return millis;
        }
    }

    private static String last(FakeConnector connector, String conversation) {
        List<FakeConnector.Sent> sent = connector.sentTo(conversation);
        assertThat(sent).as("an answer to " + conversation).isNotEmpty();
        FakeConnector.Sent last = sent.get(sent.size() - 1);
        return last.isCard() ? last.cardText() : last.text();
    }

    /** Posts to the instance the balancer picks; a failed connection goes to another, as the channel redelivers. */
    private static void deliver(LoadSetup setup, List<BotProcess> alive, int pick, String activity, AtomicInteger resent) {
        for (int attempt = 0; attempt < 20; attempt++) {
            BotProcess instance;
            synchronized (alive) {
                instance = alive.get(Math.floorMod(pick + attempt, alive.size()));
            }
            try (HttpLoad.Client client = new HttpLoad.Client(instance.port(), setup.authorization)) {
                int status = client.post(activity.getBytes(StandardCharsets.UTF_8));
                if (status == 200) {
                    return;
                }
                assertThat(status).as("only a lost connection is retried").isIn(-1, 503);
                resent.incrementAndGet();
            }
        }
        throw new AssertionError("No instance took an activity");
    }

    private static List<String> script(LoadSetup setup, int person, Map<String, String> answers) {
        String conversation = "a:resilience-" + person;
        Activities activities = new Activities(setup.connector.serviceUrl(), "29:resilience-" + person, "Person",
                "aad-resilience-" + person);
        List<String> script = new ArrayList<>();
        script.add(activities.installationUpdate(conversation, "add").toString());
        script.add(activities.button(conversation, Map.of("signpost", "survey")).toString());
        script.add(activities.button(conversation, SurveyRespondent.step(LoadSetup.ROUND, "start")).toString());
        for (Question question : SurveyTally.SURVEY.questions()) {
            Map<String, String> click = SurveyRespondent.step(LoadSetup.ROUND,
                    answers.containsKey(question.id()) ? "answer" : "skip");
            click.put("question", question.id());
            if (answers.containsKey(question.id())) {
                click.put("answer", answers.get(question.id()));
            }
            script.add(activities.button(conversation, click).toString());
        }
        script.add(activities.button(conversation, SurveyRespondent.step(LoadSetup.ROUND, "submit")).toString());
        return script;
    }

    static List<BotProcess> startInParallel(LoadSetup setup, List<String> names) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(names.size());
        List<Future<BotProcess>> futures = names.stream().map(name -> starting.submit(() -> setup.signpost(name))).toList();
        List<BotProcess> started = new ArrayList<>();
        for (Future<BotProcess> future : futures) {
            started.add(future.get(5, TimeUnit.MINUTES));
        }
        starting.shutdown();
        return started;
    }

    private static void await(Future<?> future) {
        try {
            future.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
