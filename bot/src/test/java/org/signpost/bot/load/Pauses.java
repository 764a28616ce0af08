package org.signpost.bot.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses a bot's JVM took (its safepoints, every stop-the-world collection among them), read from the log
 * {@link #options} asks for, to set beside a window's slowest turns: which of them a pause was part of.
 */
final class Pauses {

    /** One stop of every Java thread: {@code startMillis} to {@code endMillis} (wall clock). */
    record Pause(String operation, double startMillis, double endMillis) {

        boolean collection() {
            return operation.contains("Collect") || operation.contains("GC") || operation.startsWith("G1");
        }

        double millis() {
            return endMillis - startMillis;
        }
    }

    // [1796098902625ms][info][safepoint] Safepoint "GenCollectForAllocation", Time since last: ..., Total: 18287932 ns
    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[(\\d+)ms]\\[info]\\[safepoint\\s*] Safepoint \"([^\"]+)\".*Total: (\\d+) ns");

    // [1796098902625ms][info][gc] GC(12) Pause Young (Allocation Failure) 60M->20M(123M) 5.200ms
    private static final Pattern COLLECTION = Pattern.compile(
            "^\\[(\\d+)ms]\\[info]\\[gc\\s*] GC\\(\\d+\\) Pause \\w+ .*?(\\d+)M->(\\d+)M\\(\\d+M\\)");

    private Pauses() {
    }

    /** A collection's end (wall clock) and the heap used before and after it, MiB. */
    record Collection(double endMillis, long beforeMiB, long afterMiB) {
    }

    static List<Collection> collections(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.map(COLLECTION::matcher).filter(Matcher::find).map(m -> new Collection(Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the bot allocated per turn in a window: the heap it filled between the window's first and last
     * collection (each collection's "before" less the last one's "after"), a second's worth divided by the
     * window's turns a second. Whole MiB in the log, so it needs a few collections to mean anything.
     */
    static String allocation(Path log, HttpLoad.Result window) {
        if (!Files.exists(log)) {
            return "no pause log";
        }
        List<Collection> in = collections(log).stream()
                .filter(c -> c.endMillis() >= window.startMillis() && c.endMillis() <= window.endMillis()).toList();
        if (in.size() < 3) {
            return in.size() + " collections: too few to tell the allocation per turn";
        }
        long filled = 0;
        for (int i = 1; i < in.size(); i++) {
            filled += in.get(i).beforeMiB() - in.get(i - 1).afterMiB();
        }
        double seconds = (in.get(in.size() - 1).endMillis() - in.get(0).endMillis()) / 1000.0;
        double perSecond = filled / seconds;
        return String.format("allocated %.0f MiB/s between its %d collections from %d to %d (wall clock ms); "
                + "%.0f KiB per turn", perSecond, in.size(), window.startMillis(), window.endMillis(),
                perSecond * 1024 / window.turnsPerSecond());
    }

    /** The JVM option that writes the log this class reads (cheap: a line per safepoint and collection). */
    static String options(Path log) {
        return "-Xlog:gc,safepoint:file=" + log + ":timemillis,level,tags";
    }

    static List<Pause> read(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.map(SAFEPOINT::matcher).filter(Matcher::find).map(m -> {
                double end = Long.parseLong(m.group(1));
                return new Pause(m.group(2), end - Long.parseLong(m.group(3)) / 1e6, end);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pauses within a window and how many of its turns at or above the p99 a collection (or any pause of 1 ms
     * or more) fell into, e.g. {@code 14 collections (max 9.8 ms, 88 ms in all), 41 other pauses (max 0.4 ms);
     * turns >= p99: 20, 15 with a collection in them, 16 with any pause >= 1 ms}.
     */
    static String during(Path log, HttpLoad.Result window) {
        if (!Files.exists(log)) {
            return "no pause log";
        }
        List<Pause> pauses = read(log).stream()
                .filter(p -> p.endMillis() >= window.startMillis() && p.startMillis() <= window.endMillis()).toList();
        List<Pause> collections = pauses.stream().filter(Pause::collection).toList();
        List<Pause> others = pauses.stream().filter(p -> !p.collection()).toList();
        long withCollection = window.slowest().stream().filter(turn -> collections.stream().anyMatch(p -> overlaps(p, turn)))
                .count();
        long withAnyPause = window.slowest().stream().filter(turn -> pauses.stream()
                .anyMatch(p -> p.millis() >= 1 && overlaps(p, turn))).count();
        return String.format("%d collections (max %.1f ms, %.0f ms in all), %d other pauses (max %.1f ms); "
                + "turns >= p99: %d, %d with a collection in them, %d with any pause >= 1 ms",
                collections.size(), max(collections), collections.stream().mapToDouble(Pause::millis).sum(),
                others.size(), max(others), window.slowest().size(), withCollection, withAnyPause);
    }

    private static double max(List<Pause> pauses) {
        return pauses.stream().mapToDouble(Pause::millis).max().orElse(0);
    }

    private static boolean overlaps(Pause pause, HttpLoad.Turn turn) {
        // the log has whole milliseconds: a pause within a millisecond of a turn's ends counts as in it
        return pause.startMillis() <= turn.answeredMillis() + 1 && pause.endMillis() >= turn.dueMillis() - 1;
    }
}
