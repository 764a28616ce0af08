package org.signpost.bot.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a window's allocation went, from a load run's JFR ({@code -Dload.jfr=true}): the
 * {@code jdk.ObjectAllocationSample} weights between two wall-clock times (a window's "from ... to" in the
 * run's heap line), summed by the innermost Signpost frame, by the innermost frame and by class. A tool, not a test:
 * {@code java bot/src/test/java/org/signpost/bot/load/AllocationSites.java <file.jfr> <from ms> <to ms> [rows]}.
 */
final class AllocationSites {

    public static void main(String[] args) throws IOException {
        long from = Long.parseLong(args[1]);
        long to = Long.parseLong(args[2]);
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        Map<String, Long> bySignpostFrame = new HashMap<>();
        Map<String, Long> byFrame = new HashMap<>();
        Map<String, Long> byClass = new HashMap<>();
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            Instant at = event.getStartTime();
            if (!event.getEventType().getName().equals("jdk.ObjectAllocationSample") || at.toEpochMilli() < from
                    || at.toEpochMilli() > to) {
                continue;
            }
            long weight = event.getLong("weight");
            total += weight;
            byClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
            List<RecordedFrame> frames = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
            byFrame.merge(frames.isEmpty() ? "?" : name(frames.get(0)), weight, Long::sum);
            String signpost = "(no Signpost frame)";
            for (RecordedFrame frame : frames) {
                if (frame.getMethod().getType().getName().startsWith("org.signpost.")) {
                    signpost = name(frame);
                    break;
                }
            }
            bySignpostFrame.merge(signpost, weight, Long::sum);
        }
        System.out.printf("sampled weight %,d MiB between %d and %d%n", total >> 20, from, to);
        print("innermost Signpost frame", bySignpostFrame, total, rows);
        print("innermost frame", byFrame, total, rows);
        print("class", byClass, total, rows);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
    }

    private static void print(String title, Map<String, Long> weights, long total, int rows) {
        System.out.println("-- by " + title);
        weights.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
