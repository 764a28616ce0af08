package org.signpost.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a Redis data folder holds on disk: every file (Redis 6.2 writes one {@code .aof}; Redis 7 an
 * {@code appendonlydir/} of base and incremental files and a manifest), as text and as the commands
 * logged in them.
 */
public record AppendOnlyFiles(List<Path> files, String text, List<List<String>> commands) {

    public static AppendOnlyFiles read(Path folder) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        List<List<String>> commands = new ArrayList<>();
        for (Path file : files) {
            try {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                text.append(content).append('\n');
                if (content.startsWith("*")) {
                    commands.addAll(parse(content));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AppendOnlyFiles(files, text.toString(), commands);
    }

    /** RESP arrays of bulk strings, as Redis logs commands (bytes read as ISO-8859-1, one char per byte). */
    static List<List<String>> parse(String resp) {
        List<List<String>> commands = new ArrayList<>();
        int at = 0;
        while (at < resp.length() && resp.charAt(at) == '*') {
            int end = resp.indexOf("\r\n", at);
            int count = Integer.parseInt(resp.substring(at + 1, end));
            at = end + 2;
            List<String> command = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                end = resp.indexOf("\r\n", at);
                int length = Integer.parseInt(resp.substring(at + 1, end));
                at = end + 2;
                command.add(resp.substring(at, at + length));
                at += length + 2;
            }
            commands.add(command);
        }
        if (at < resp.length() && !resp.substring(at).isBlank()) {
            throw new IllegalStateException("Not a plain append-only file from offset " + at);
        }
        return commands;
    }
}
