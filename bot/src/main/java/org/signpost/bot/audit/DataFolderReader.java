package org.signpost.bot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.signpost.bot.audit.DiskFacts.DiskFile;
import org.signpost.bot.audit.DiskFacts.Kind;
import org.signpost.bot.audit.DiskFacts.Logged;

/**
 * Reads a Redis data folder as someone holding it (or a backup of it) would: every file, and every command
 * of its append-only files, whether Redis 6 wrote one {@code .aof} or Redis 7 a folder of base and
 * incremental files with a manifest. Bytes are read as ISO-8859-1, one character per byte.
 */
final class DataFolderReader {

    private DataFolderReader() {
    }

    static DiskFacts read(Path folder) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data folder", e);
        }
        List<DiskFile> files = new ArrayList<>();
        List<Logged> commands = new ArrayList<>();
        int unreadable = 0;
        for (Path path : paths) {
            String name = folder.relativize(path).toString();
            String text;
            try {
                text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            Kind kind = kind(name, text);
            files.add(new DiskFile(name, kind, text.length(), text));
            if (kind == Kind.APPEND_ONLY && !parse(text, commands)) {
                unreadable++;
            }
        }
        return new DiskFacts(files, commands, unreadable);
    }

    private static Kind kind(String name, String text) {
        if (name.endsWith(".manifest")) {
            return Kind.MANIFEST;
        }
        if (text.startsWith("REDIS")) {
            return Kind.SNAPSHOT;
        }
        if (name.endsWith(".aof") || text.startsWith("*")) {
            return Kind.APPEND_ONLY;
        }
        return Kind.OTHER;
    }

    /**
     * RESP arrays of bulk strings, and Redis 7's {@code #TS:<seconds>} annotations. A file cut short (Redis
     * writing it as it is read, or a crash) ends at its last whole command. False when something in it is
     * not a command at all.
     */
    static boolean parse(String resp, List<Logged> into) {
        int at = 0;
        Optional<Instant> time = Optional.empty();
        while (at < resp.length()) {
            char first = resp.charAt(at);
            int end = resp.indexOf("\r\n", at);
            if (end < 0) {
                return true;
            }
            if (first == '#') {
                String annotation = resp.substring(at + 1, end);
                if (annotation.startsWith("TS:")) {
                    try {
                        time = Optional.of(Instant.ofEpochSecond(Long.parseLong(annotation.substring(3))));
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
                at = end + 2;
                continue;
            }
            if (first != '*') {
                return resp.substring(at).isBlank();
            }
            try {
                int count = Integer.parseInt(resp.substring(at + 1, end));
                at = end + 2;
                List<String> args = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    end = resp.indexOf("\r\n", at);
                    if (end < 0 || resp.charAt(at) != '$') {
                        return end < 0;
                    }
                    int length = Integer.parseInt(resp.substring(at + 1, end));
                    at = end + 2;
                    if (at + length + 2 > resp.length()) {
                        return true;
                    }
                    args.add(resp.substring(at, at + length));
                    at += length + 2;
                }
                into.add(new Logged(args, time));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return false;
            }
        }
        return true;
    }
}
