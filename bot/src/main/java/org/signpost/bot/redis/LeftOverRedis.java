package org.signpost.bot.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Redis an earlier start left running on a data folder: found, and stopped, before {@link EmbeddedRedis}
 * starts another on it.
 */
final class LeftOverRedis {

    // under EmbeddedRedis's name, as before: operators filter its start-up lines by that logger
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private LeftOverRedis() {
    }

    /**
     * A JVM that died without stopping its embedded Redis (SIGKILL, an out-of-memory exit, a halt) leaves that
     * server running on the data folder; a second server on the same append-only file must never run. A left-over
     * one (its parent gone) is stopped; one that another running Signpost started stops this start. Redis works
     * in its {@code dir}, so its working folder says which data folder it serves (read from /proc: Linux only;
     * elsewhere nothing is found).
     */
    static void stopOn(Path folder) {
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .filter(process -> workingFolder(process).map(folder::equals).orElse(false))
                .toList();
        for (ProcessHandle server : servers) {
            if (server.parent().map(parent -> parent.info().command().orElse("").endsWith("java")).orElse(false)) {
                throw new IllegalStateException("Another running Signpost already has an embedded Redis on " + folder
                        + " (process " + server.pid() + "): give each instance its own data folder, or share a Redis "
                        + "server through REDIS_URL");
            }
            log.warn("Stopping the embedded Redis an earlier start left running on this data folder (process {})",
                    server.pid());
            Optional<Path> binary = ExtractedBinary.of(server);
            server.destroy();
            try {
                server.onExit().get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                server.destroyForcibly();
                server.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping a left-over Redis", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            // the killed start's copy of redis-server, which no delete on exit removed
            binary.ifPresent(ExtractedBinary::delete);
        }
    }

    private static Optional<Path> workingFolder(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
