package org.signpost.bot.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The load harness (not in the default test run; see docs/benchmarks.md for the command). In one run,
 * the SDK's echo bot and then Signpost, each in a JVM of its own, get the same traffic over loopback with
 * signed tokens, after the same warm-up: typed chatter at 16 and 64 connections, survey conversations
 * mixed with chatter at 64, and a fixed 200 turns a second. It prints turns per second, p50/p95/p99, RSS
 * and CPU for each (the bot's, the harness's and the Redis server's, which only Signpost uses), and Signpost's
 * ratios to the echo floor.
 *
 * <p>Settings (system properties): {@code load.warmup} and {@code load.window} (ISO-8601 durations, default
 * PT2M and PT30S), {@code load.settle} (at most this much more warm-up while a bot's JIT is still busy, PT2M),
 * {@code load.people} (people typing, 2000), {@code load.survey-people} (people in a survey at
 * once, 500), {@code load.rate} (200).
 *
 * <p>Each person's turns go in order, each after the last was answered, and nothing is redelivered: every
 * submission sent must be counted, exactly once.
 */
class SignpostLoadRun {

    record Row(String bot, String window, HttpLoad.Result result, long rssMiB, double botCores, double harnessCores,
            double redisCores) {
    }

    @Test
    void echoFloorThenSignpostOnTheSameHarness() throws IOException {
        Duration warmup = LoadSetup.duration("load.warmup", Duration.ofMinutes(2));
        Duration window = LoadSetup.duration("load.window", Duration.ofSeconds(30));
        Duration settleAtMost = LoadSetup.duration("load.settle", Duration.ofMinutes(2));
        int people = LoadSetup.integer("load.people", 2000);
        int surveyPeople = LoadSetup.integer("load.survey-people", 500);
        int rate = LoadSetup.integer("load.rate", 200);
        List<Row> rows = new ArrayList<>();
        Map<String, Duration> startUps = new LinkedHashMap<>();
        try (LoadSetup setup = new LoadSetup("load");
                BotProcess echo = setup.echo("echo");
                BotProcess signpost = setup.signpost("signpost")) {
            // both stay up and warm; each window measures one right after the other, so that whatever else
            // the machine does weighs on both alike
            Map<BotProcess, Traffic> chatter = new LinkedHashMap<>();
            Map<BotProcess, Traffic> survey = new LinkedHashMap<>();
            for (BotProcess bot : List.of(echo, signpost)) {
                startUps.put(bot.name(), bot.startUp());
                chatter.put(bot, setup.traffic(Traffic.Kind.CHATTER, people, bot.name() + "-chatter"));
                survey.put(bot, setup.traffic(Traffic.Kind.SURVEY, surveyPeople, bot.name() + "-survey"));
                System.out.printf("%s: started in %.1f s; warming up for %s%n", bot.name(),
                        bot.startUp().toMillis() / 1000.0, warmup);
                HttpLoad warming = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                Function<Duration, HttpLoad.Result> warmFor = time -> warming.closedLoop(
                        lane -> warmupMix(chatter.get(bot).lane(lane, 32), survey.get(bot).lane(lane, 32)), 32, time);
                rows.add(new Row(bot.name(), "warm-up (not reported)", warmFor.apply(warmup), bot.rssMiB(), 0, 0, 0));
                settle(bot, warmFor, settleAtMost);
            }
            for (BotProcess bot : List.of(echo, signpost)) {
                HttpLoad load = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                rows.add(measure(setup, bot, "chatter, 16 connections", () -> load.closedLoop(lane -> chatter.get(bot).lane(lane, 16), 16, window)));
            }
            for (BotProcess bot : List.of(echo, signpost)) {
                HttpLoad load = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                rows.add(measure(setup, bot, "chatter, 64 connections", () -> load.closedLoop(lane -> chatter.get(bot).lane(lane, 64), 64, window)));
            }
            for (BotProcess bot : List.of(echo, signpost)) {
                HttpLoad load = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                rows.add(measure(setup, bot, "survey + chatter, 64 connections",
                        () -> load.closedLoop(lane -> survey.get(bot).lane(lane, 64), 64, window)));
            }
            for (BotProcess bot : List.of(echo, signpost)) {
                HttpLoad load = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                rows.add(measure(setup, bot, "survey + chatter, fixed " + rate + "/s",
                        () -> load.fixedRate(lane -> survey.get(bot).lane(lane, 64), rate, 64, window)));
            }
            long sent = survey.get(signpost).submits();
            long counted = setup.submissions();
            String report = report(rows, startUps) + String.format("- signpost: %d survey submissions sent, %d counted%n",
                    sent, counted);
            System.out.println(report);
            Files.writeString(setup.work.resolve("report.md"), report);
            assertThat(sent).as("survey submissions sent").isPositive();
            assertThat(counted).as("submissions counted (no redelivery: each exactly once)").isEqualTo(sent);
        }
        assertThat(rows).allSatisfy(row -> assertThat(row.result().errors()).as(row.bot() + " " + row.window())
                .isZero());
    }

    /**
     * More warm-up, 10 s at a time, while the JIT's compiler threads still take more than a tenth of a core, for at most
     * {@code atMost}: on 2 cores a bot still compiling in its windows measures slower than it runs (the echo bot's
     * C2 took most of a core in its windows after 50 s of warm-up, 2026-12-01 18:22), which would flatter the ratios.
     */
    private static void settle(BotProcess bot, Function<Duration, HttpLoad.Result> warmFor, Duration atMost) {
        Duration step = Duration.ofSeconds(10);
        for (Duration spent = Duration.ZERO; spent.compareTo(atMost) < 0; spent = spent.plus(step)) {
            ThreadSwitches before = ThreadSwitches.of(bot.pid());
            HttpLoad.Result result = warmFor.apply(step);
            double jitCores = ThreadSwitches.of(bot.pid()).compilerTicksSince(before) / LoadSetup.TICKS_PER_SECOND
                    / result.seconds();
            System.out.printf("%s: the JIT took %.2f of a core in the last %d s of warm-up%n", bot.name(), jitCores,
                    step.toSeconds());
            if (jitCores <= 0.10) {
                return;
            }
        }
        System.out.printf("%s: the JIT was still busy after %s more warm-up%n", bot.name(), atMost);
    }

    private static Supplier<byte[]> warmupMix(Supplier<byte[]> chatter, Supplier<byte[]> survey) {
        return () -> ThreadLocalRandom.current().nextBoolean() ? chatter.get() : survey.get();
    }

    private static Row measure(LoadSetup setup, BotProcess process, String window, Supplier<HttpLoad.Result> run) {
        LoadConnector connector = setup.connector;
        long sends = connector.received();
        long botCpu = process.cpuMillis();
        long ownCpu = LoadSetup.ownCpuMillis();
        long redisCpu = LoadSetup.redisCpuMillis();
        long[] ownGc = ownCollections();
        long[] machine = LoadSetup.machineTicks();
        ThreadSwitches threads = ThreadSwitches.of(process.pid());
        long switches = ThreadSwitches.machineSwitches();
        HttpLoad.Result result = run.get();
        long switchesAfter = ThreadSwitches.machineSwitches();
        ThreadSwitches threadsAfter = ThreadSwitches.of(process.pid());
        long[] machineAfter = LoadSetup.machineTicks();
        long[] ownGcAfter = ownCollections();
        double seconds = result.seconds();
        Row row = new Row(process.name(), window, result, process.rssMiB(), (process.cpuMillis() - botCpu) / 1000.0 / seconds,
                (LoadSetup.ownCpuMillis() - ownCpu) / 1000.0 / seconds, (LoadSetup.redisCpuMillis() - redisCpu) / 1000.0 / seconds);
        System.out.println(line(row));
        // each send is a call the turn waits for: a bot that sends more per turn leans more on the connector
        System.out.printf("- %s, %s: %.2f connector sends per turn%n", process.name(), window,
                (connector.received() - sends) / (double) Math.max(1, result.turns()));
        // where the machine's two cores went beside the bot, the harness and Redis: idle, interrupts (loopback
        // networking's softirq is charged to no process), other processes
        double[] cores = new double[4];
        for (int i = 0; i < cores.length; i++) {
            cores[i] = (machineAfter[i] - machine[i]) / LoadSetup.TICKS_PER_SECOND / seconds;
        }
        System.out.printf("- %s, %s: the machine's cores: %.2f busy in processes (%.2f of them outside the bot, the harness"
                + " and Redis), %.2f in interrupts, %.2f idle, %.2f stolen%n", process.name(), window, cores[0],
                cores[0] - row.botCores() - row.harnessCores() - row.redisCores(), cores[1], cores[2], cores[3]);
        // what each turn costs the scheduler and the kernel: the bot's context switches and system time, by thread
        System.out.printf("- %s, %s, threads: %s%n", process.name(), window,
                threadsAfter.since(threads, result.turns(), switchesAfter - switches, 8));
        // a bot whose JIT is still compiling in its window measures slower than it runs once warm
        System.out.printf("- %s, %s: the JIT's compiler threads took %.2f of a core%n", process.name(), window,
                threadsAfter.compilerTicksSince(threads) / LoadSetup.TICKS_PER_SECOND / seconds);
        // the tail: the turns sent on a new connection (the server closed the last one) and which were among the slowest
        System.out.printf("- %s, %s: %d turns on a new connection, %d of the %d at or above the p99%n", process.name(),
                window, result.onNewConnections(), result.slowest().stream().filter(HttpLoad.Turn::newConnection).count(),
                result.slowest().size());
        // the tail: how late the harness itself sent turns at a fixed rate (each client thread parks until its turn
        // is due; the latency counts from the due time, so a late wake-up counts against the bot)
        long[] late = result.sentLateNanos();
        if (late.length > 0 && late[late.length - 1] > 0) {
            System.out.printf("- %s, %s: sent after the due time by p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d of the %d"
                    + " turns at or above the p99 sent 1 ms late or more%n", process.name(), window,
                    late[late.length / 2] / 1e6, late[(int) Math.ceil(0.99 * late.length) - 1] / 1e6,
                    late[late.length - 1] / 1e6, result.slowest().stream().filter(t -> t.sentLateNanos() >= 1_000_000).count(),
                    result.slowest().size());
        }
        // the tail: whether the slowest turns had the bot's JVM stopped in them (a collection, a safepoint)
        System.out.printf("- %s, %s, pauses: %s; the harness's own collections: %d, %d ms%n", process.name(), window,
                Pauses.during(setup.pauseLog(process.name()), result), ownGcAfter[0] - ownGc[0], ownGcAfter[1] - ownGc[1]);
        System.out.printf("- %s, %s, heap: %s%n", process.name(), window,
                Pauses.allocation(setup.pauseLog(process.name()), result));
        if (NativeMemory.enabled()) {
            System.out.printf("- %s, %s, %s%n", process.name(), window, NativeMemory.summary(process,
                    setup.work.resolve(process.name() + "-nmt-" + window.replaceAll("[^a-z0-9]+", "-") + ".txt")));
        }
        return row;
    }

    /** This JVM's (the clients' and fake connector's) collections so far: how many, and milliseconds. */
    private static long[] ownCollections() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static String line(Row row) {
        HttpLoad.Result r = row.result();
        return String.format("| %s | %s | %,.0f | %.1f | %.1f | %.1f | %.0f | %d | %.2f | %.2f | %.2f | %s |", row.bot(), row.window(),
                r.turnsPerSecond(), r.percentileMillis(50), r.percentileMillis(95), r.percentileMillis(99), r.percentileMillis(100),
                row.rssMiB(), row.botCores(), row.harnessCores(), row.redisCores(),
                r.errors() == 0 ? "none" : r.statuses().toString());
    }

    private static String report(List<Row> rows, Map<String, Duration> startUps) {
        StringBuilder out = new StringBuilder();
        out.append("Load run ").append(OffsetDateTime.now().withNano(0)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n\n");
        out.append("| bot | window | turns/s | p50 ms | p95 ms | p99 ms | max ms | RSS MiB | bot cores | harness cores | redis cores | errors |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.stream().filter(row -> !row.window().startsWith("warm-up")).forEach(row -> out.append(line(row)).append('\n'));
        out.append("\nSignpost / echo:\n");
        for (Row signpost : rows.stream().filter(r -> r.bot().equals("signpost") && !r.window().startsWith("warm-up")).toList()) {
            rows.stream().filter(r -> r.bot().equals("echo") && r.window().equals(signpost.window())).findFirst()
                    .ifPresent(echo -> out.append(String.format("- %s: turns/s %.2f×, p99 %.2f×, RSS %.2f×%n",
                            signpost.window(), signpost.result().turnsPerSecond() / echo.result().turnsPerSecond(),
                            signpost.result().percentileMillis(99) / echo.result().percentileMillis(99),
                            (double) signpost.rssMiB() / echo.rssMiB())));
        }
        startUps.forEach((bot, time) -> out.append(String.format("- %s started in %.1f s%n", bot,
                time.toMillis() / 1000.0)));
        out.append(LoadSetup.shipped().map(folder -> "- signpost started as README does, from " + folder + "\n")
                .orElse("- signpost started from this module's classes with the shipped JVM flags\n"));
        return out.toString();
    }
}
