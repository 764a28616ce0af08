package org.signpost.bot.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A process's context switches and user/system CPU, per thread, from {@code /proc/<pid>/task} (Linux): what each
 * turn costs the scheduler and the kernel, which a JFR profile (Java frames only) does not show. Threads are grouped
 * by name with their numbers dropped ({@code turn-12} and {@code turn-3} are {@code turn-#}). A thread that ended
 * within the window is not counted; one that started in it counts from zero.
 */
final class ThreadSwitches {

    /** Voluntary and involuntary switches, user and system ticks. */
    record Counts(long voluntary, long involuntary, long userTicks, long systemTicks) {
        Counts plus(Counts other) {
            return new Counts(voluntary + other.voluntary, involuntary + other.involuntary,
                    userTicks + other.userTicks, systemTicks + other.systemTicks);
        }

        Counts minus(Counts other) {
            return new Counts(voluntary - other.voluntary, involuntary - other.involuntary,
                    userTicks - other.userTicks, systemTicks - other.systemTicks);
        }

        long switches() {
            return voluntary + involuntary;
        }
    }

    private final Map<Long, String> names;
    private final Map<Long, Counts> tasks;

    private ThreadSwitches(Map<Long, String> names, Map<Long, Counts> tasks) {
        this.names = names;
        this.tasks = tasks;
    }

    /** Every thread of the process now; empty when /proc cannot be read. */
    static ThreadSwitches of(long pid) {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Counts> tasks = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : all) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    long voluntary = 0;
                    long involuntary = 0;
                    String name = "?";
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("Name:")) {
                            name = line.substring(5).strip();
                        } else if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            involuntary = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    names.put(tid, name.replaceAll("[0-9]+", "#"));
                    tasks.put(tid, new Counts(voluntary, involuntary, Long.parseLong(fields[11]), Long.parseLong(fields[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return new ThreadSwitches(names, tasks);
    }

    /**
     * CPU ticks (1/100 s) of the JIT's compiler threads ({@code C1 CompilerThre#}, {@code C2 CompilerThre#}) since
     * {@code before}, thread by thread (the JVM starts and ends compiler threads as the work comes and goes).
     */
    long compilerTicksSince(ThreadSwitches before) {
        return tasks.entrySet().stream().filter(task -> names.get(task.getKey()).contains("CompilerThre"))
                .map(task -> task.getValue().minus(before.tasks.getOrDefault(task.getKey(), new Counts(0, 0, 0, 0))))
                .mapToLong(delta -> delta.userTicks() + delta.systemTicks()).sum();
    }

    /** The machine's context switches so far, all processes ({@code ctxt} in /proc/stat). */
    static long machineSwitches() {
        try {
            return Files.readAllLines(Path.of("/proc/stat")).stream().filter(line -> line.startsWith("ctxt "))
                    .mapToLong(line -> Long.parseLong(line.substring(5).strip())).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Since {@code before}, per turn: the process's switches (voluntary/involuntary), its user and system CPU in µs,
     * and the groups of threads that switched most.
     */
    String since(ThreadSwitches before, long turns, long machineSwitches, int groups) {
        double per = Math.max(1, turns);
        Map<String, Counts> byGroup = new TreeMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Counts total = new Counts(0, 0, 0, 0);
        Counts busiest = new Counts(0, 0, 0, 0);
        String busiestName = "";
        for (Map.Entry<Long, Counts> task : tasks.entrySet()) {
            Counts delta = task.getValue().minus(before.tasks.getOrDefault(task.getKey(), new Counts(0, 0, 0, 0)));
            String group = names.get(task.getKey());
            if (delta.switches() > busiest.switches()) {
                // one thread of a group (Tomcat's poller among its workers: the names are cut at 15 characters)
                busiest = delta;
                busiestName = group;
            }
            byGroup.merge(group, delta, Counts::plus);
            threads.merge(group, 1, Integer::sum);
            total = total.plus(delta);
        }
        String top = byGroup.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().switches()).reversed())
                .limit(groups)
                .map(e -> String.format("%s ×%d %.2f/%.2f (%.0f µs CPU)", e.getKey(), threads.get(e.getKey()),
                        e.getValue().voluntary() / per, e.getValue().involuntary() / per,
                        (e.getValue().userTicks() + e.getValue().systemTicks()) * 10_000 / per))
                .collect(Collectors.joining("; "));
        return String.format("%.2f voluntary + %.2f involuntary switches a turn (machine: %.2f), CPU %.0f µs user + %.0f µs"
                + " system a turn; by thread (voluntary/involuntary a turn): %s; the busiest one thread: %s %.2f/%.2f",
                total.voluntary() / per, total.involuntary() / per, machineSwitches / per, total.userTicks() * 10_000 / per,
                total.systemTicks() * 10_000 / per, top, busiestName, busiest.voluntary() / per, busiest.involuntary() / per);
    }
}
