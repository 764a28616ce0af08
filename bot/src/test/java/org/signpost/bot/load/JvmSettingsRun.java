package org.signpost.bot.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Signpost under several JVM settings, one instance after the other on the same traffic, to compare memory (not in
 * any default run; run it by name, see docs/benchmarks.md "Why RSS is not ≤ 0.75× echo's"). Each setting gets a
 * warm-up, a window at 64 connections and one at a fixed 200 turns/s; it prints turns/s, p99, CPU and RSS, the live
 * set (the heap after a full collection) at start and after the windows, and the JVM's own account of its memory
 * when the options turn native memory tracking on.
 *
 * <p>{@code jvm.settings}: settings separated by {@code ;}, each {@code name|JVM options|VAR=value ...} (the
 * environment may be empty); {@code load.warmup} and {@code load.window} as in SignpostLoadRun (default PT40S and
 * PT10S).
 */
class JvmSettingsRun {

    @Test
    void signpostUnderEachSetting() throws IOException {
        Duration warmup = LoadSetup.duration("load.warmup", Duration.ofSeconds(40));
        Duration window = LoadSetup.duration("load.window", Duration.ofSeconds(10));
        List<String> lines = new ArrayList<>();
        try (LoadSetup setup = new LoadSetup("jvm-settings")) {
            for (String setting : System.getProperty("jvm.settings", "").split(";")) {
                if (setting.isBlank()) {
                    continue;
                }
                String[] parts = setting.split("\\|", -1);
                String name = parts[0].strip();
                List<String> options = List.of(parts[1].strip().split("\\s+"));
                Map<String, String> environment = new LinkedHashMap<>();
                for (String pair : parts.length > 2 ? parts[2].strip().split("\\s+") : new String[0]) {
                    if (!pair.isEmpty()) {
                        environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                }
                try (BotProcess bot = setup.signpost(name, options, environment)) {
                    Traffic chatter = setup.traffic(Traffic.Kind.CHATTER, 2000, name + "-chatter");
                    Traffic survey = setup.traffic(Traffic.Kind.SURVEY, 500, name + "-survey");
                    HttpLoad load = new HttpLoad(bot.port(), setup.authorization, setup.evidenceOfUnanswered(bot));
                    double startLive = liveMegabytes(bot);
                    load.closedLoop(lane -> mix(chatter.lane(lane, 32), survey.lane(lane, 32)), 32, warmup);
                    long cpu = bot.cpuMillis();
                    HttpLoad.Result busy = load.closedLoop(lane -> survey.lane(lane, 64), 64, window);
                    double cores = (bot.cpuMillis() - cpu) / 1000.0 / busy.seconds();
                    long busyRss = bot.rssMiB();
                    HttpLoad.Result fixed = load.fixedRate(lane -> survey.lane(lane, 64), 200, 64, window);
                    long fixedRss = bot.rssMiB();
                    String line = String.format("| %s | %,.0f | %.1f | %.2f | %d | %.1f | %d | %.1f / %.1f | %d | %s %s |",
                            name, busy.turnsPerSecond(), busy.percentileMillis(99), cores, busyRss,
                            fixed.percentileMillis(99), fixedRss, startLive, liveMegabytes(bot),
                            busy.errors() + fixed.errors(), String.join(" ", options), environment);
                    System.out.println(line);
                    System.out.printf("- %s, 64 connections, pauses: %s; heap: %s%n", name,
                            Pauses.during(setup.pauseLog(name), busy), Pauses.allocation(setup.pauseLog(name), busy));
                    System.out.printf("- %s, fixed 200/s, pauses: %s%n", name, Pauses.during(setup.pauseLog(name), fixed));
                    lines.add(line);
                    if (options.stream().anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking="))) {
                        System.out.println(nativeMemory(bot));
                    }
                }
            }
        }
        System.out.println("| setting | turns/s at 64 | p99 ms | bot cores | RSS MiB | p99 ms at 200/s | RSS MiB "
                + "| live MB at start / after load | errors | JVM |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", lines));
    }

    private static Supplier<byte[]> mix(Supplier<byte[]> chatter, Supplier<byte[]> survey) {
        return () -> ThreadLocalRandom.current().nextBoolean() ? chatter.get() : survey.get();
    }

    /**
     * The live set: what the heap holds after a full collection (the class histogram runs one first), in MB.
     * Read before the warm-up (the bot just started) and after the windows (the people's state still held).
     */
    private static double liveMegabytes(BotProcess bot) throws IOException {
        String histogram = jcmd(bot, "GC.class_histogram");
        String total = histogram.lines().filter(line -> line.startsWith("Total")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No class histogram: " + histogram));
        String[] columns = total.trim().split("\\s+");
        return Long.parseLong(columns[columns.length - 1]) / 1e6;
    }

    private static String jcmd(BotProcess bot, String command) throws IOException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(bot.pid()), command).redirectErrorStream(true).start();
        return new String(jcmd.getInputStream().readAllBytes());
    }

    private static String nativeMemory(BotProcess bot) throws IOException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(bot.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
        return new String(jcmd.getInputStream().readAllBytes());
    }
}
