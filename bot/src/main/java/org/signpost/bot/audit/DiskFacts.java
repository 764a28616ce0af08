package org.signpost.bot.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Redis's data folder holds: its files, and the commands logged in its append-only files (plain
 * commands; a binary RDB part is listed and searched as bytes, but holds only the state at a rewrite).
 *
 * @param unreadable files, or parts of files, that are neither plain commands nor an RDB snapshot
 */
record DiskFacts(List<DiskFile> files, List<Logged> commands, int unreadable) {

    enum Kind { APPEND_ONLY, SNAPSHOT, MANIFEST, OTHER }

    /** A file, by its name within the data folder. */
    record DiskFile(String name, Kind kind, long bytes, String text) {
    }

    /** One logged command, with the latest time the file recorded before it (a Redis 7 annotation). */
    record Logged(List<String> args, Optional<Instant> annotatedTime) {
        String name() {
            return args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
        }
    }
}
