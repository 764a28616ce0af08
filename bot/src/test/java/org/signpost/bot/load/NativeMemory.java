package org.signpost.bot.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a bot's resident memory goes (with {@code -Dload.nmt=true}): the JVM's own account by category
 * ({@code jcmd VM.native_memory summary}, MiB committed), the thread count, and the kernel's split of RSS
 * into anonymous memory (heap, metaspace, stacks, malloc) and file pages (jars, the JDK's libraries and
 * shared archive). RSS minus what the JVM accounts for is mostly malloc's arenas and mapped files.
 */
final class NativeMemory {

    private static final Pattern CATEGORY =
            Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    private NativeMemory() {
    }

    static boolean enabled() {
        return Boolean.getBoolean("load.nmt");
    }

    static String option() {
        return "-XX:NativeMemoryTracking=summary";
    }

    /** One line: committed MiB per category, then the kernel's figures; the whole summary goes to {@code file}. */
    static String summary(BotProcess bot, Path file) {
        String nmt = jcmd(bot.pid(), "VM.native_memory", "summary");
        try {
            Files.writeString(file, nmt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> committed = new LinkedHashMap<>();
        for (String line : nmt.lines().map(String::strip).toList()) {
            Matcher total = TOTAL.matcher(line);
            if (total.find()) {
                committed.put("total", Long.parseLong(total.group(2)));
            }
            Matcher category = CATEGORY.matcher(line);
            if (category.find()) {
                committed.put(category.group(1), Long.parseLong(category.group(3)));
            }
        }
        StringBuilder out = new StringBuilder("NMT committed MiB:");
        committed.forEach((name, kb) -> {
            if (kb >= 512) {
                out.append(String.format(" %s %.1f;", name, kb / 1024.0));
            }
        });
        Map<String, String> status = status(bot.pid());
        out.append(String.format(" | threads %s; RSS %s = anon %s + file %s + shmem %s MiB",
                status.get("Threads"), mib(status.get("VmRSS")), mib(status.get("RssAnon")),
                mib(status.get("RssFile")), mib(status.get("RssShmem"))));
        return out.toString();
    }

    private static String mib(String kb) {
        return kb == null ? "?" : Long.toString(Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024);
    }

    private static Map<String, String> status(long pid) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            // not Linux, or gone
        }
        return fields;
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
