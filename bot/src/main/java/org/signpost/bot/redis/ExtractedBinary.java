package org.signpost.bot.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy of redis-server the embedded-redis library extracts for each start, into a folder of its own in the
 * temporary folder ({@code redis-<digits>/redis-server-<version>}, about 10 MB). The library deletes it only when
 * the JVM exits normally; a JVM killed (SIGKILL, an out-of-memory kill) never does. So a stopped server's copy is
 * deleted as soon as that server has exited, by whichever start stopped it.
 */
final class ExtractedBinary {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Pattern FOLDER = Pattern.compile("redis-\\d+");

    private ExtractedBinary() {
    }

    /** The library's copy a running server was started from; empty for any other redis-server (one installed). */
    static Optional<Path> of(ProcessHandle server) {
        return server.info().command().map(Path::of).filter(ExtractedBinary::extracted);
    }

    /** Deletes the copy and its folder; call once the server it ran has exited. */
    static void delete(Path binary) {
        try {
            Files.deleteIfExists(binary);
            Files.deleteIfExists(binary.getParent());
        } catch (IOException e) {
            // the library's own delete on exit is still there; not a reason to fail a stop
            log.warn("Could not delete the embedded Redis's copy of redis-server in the temporary folder: {}",
                    e.getClass().getSimpleName());
        }
    }

    private static boolean extracted(Path binary) {
        Path folder = binary.getParent();
        return folder != null && FOLDER.matcher(folder.getFileName().toString()).matches()
                && binary.getFileName().toString().startsWith("redis-server")
                && sameFile(folder.getParent(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a != null && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
