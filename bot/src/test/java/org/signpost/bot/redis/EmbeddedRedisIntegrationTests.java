package org.signpost.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

class EmbeddedRedisIntegrationTests {

    @Test
    void whenItCannotStartItSaysHowToUseARedisServerInstead(@TempDir Path folder) throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("data"), "a file where the data folder should be");

        assertThatThrownBy(() -> EmbeddedRedis.start(notAFolder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDIS_URL=redis://");
    }

    @Test
    void keepsItsDataInAnOwnerOnlyFolder(@TempDir Path folder) throws IOException {
        Path data = folder.resolve("data");
        try (EmbeddedRedis redis = EmbeddedRedis.start(data)) {
            assertThat(redis.port()).isPositive();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }

    @Test
    void aServerLeftRunningByAKilledStartIsStoppedAndItsDataKept(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("data");
        Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                KilledStart.class.getName(), data.toString()).redirectErrorStream(true).start();
        long leftOver;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            leftOver = Long.parseLong(out.lines().filter(line -> line.startsWith("redis ")).findFirst().orElseThrow()
                    .substring("redis ".length()));
        }
        first.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(leftOver).map(ProcessHandle::isAlive)).as("the killed JVM's Redis runs on").hasValue(true);
        Path leftOverCopy = copyOfRedisServer(leftOver);

        try (EmbeddedRedis redis = EmbeddedRedis.start(data); Jedis client = client(redis)) {
            assertThat(ProcessHandle.of(leftOver).map(ProcessHandle::isAlive).orElse(false)).as("left-over stopped").isFalse();
            assertThat(client.get("written-before-the-kill")).isEqualTo("kept");
            assertThat(leftOverCopy.getParent()).as("the killed start's copy of redis-server").doesNotExist();
        } finally {
            ProcessHandle.of(leftOver).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The library copies redis-server into a folder of the temporary folder at each start: gone once stopped. */
    @Test
    void leavesNoCopyOfRedisServerInTheTemporaryFolderOnceStopped(@TempDir Path folder) {
        Path copy;
        try (EmbeddedRedis redis = EmbeddedRedis.start(folder.resolve("data"))) {
            copy = copyOfRedisServer(redis.pid());
            assertThat(copy).exists();
        }
        assertThat(copy.getParent()).as("the start's folder in the temporary folder").doesNotExist();
    }

    @Test
    void aDataFolderInUseByAnotherRunningStartIsRefused(@TempDir Path folder) {
        Path data = folder.resolve("data");
        try (EmbeddedRedis running = EmbeddedRedis.start(data)) {
            assertThatThrownBy(() -> EmbeddedRedis.start(data)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another running Signpost");
            try (Jedis client = client(running)) {
                assertThat(client.ping()).as("the running one is left alone").isEqualTo("PONG");
            }
        }
    }

    /**
     * A Ctrl-C in a terminal goes to the whole foreground process group: Redis in the bot's group would stop at
     * once, beside the bot's ordered stop (which may still ask it for a rewrite). In a session of its own it hears
     * only the bot.
     */
    @Test
    void runsInASessionOfItsOwnSoATerminalsCtrlCReachesOnlyTheBot(@TempDir Path folder) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.exists(Path.of("/proc/self/stat")),
                "Linux with setsid");
        try (EmbeddedRedis redis = EmbeddedRedis.start(folder.resolve("data"))) {
            assertThat(ProcessHandle.of(redis.pid()).flatMap(process -> process.parent()).map(ProcessHandle::pid))
                    .as("still this JVM's child, so a start after a crash can tell whose it is").hasValue(ProcessHandle.current().pid());
            assertThat(session(redis.pid())).isEqualTo(redis.pid()).isNotEqualTo(session(ProcessHandle.current().pid()));
        }
    }

    @Test
    void leavesNoFileHoldingItsPasswordBehind(@TempDir Path folder) throws IOException {
        try (EmbeddedRedis redis = EmbeddedRedis.start(folder.resolve("data"))) {
            // the library writes its settings, password included, to a file in the temporary folder
            try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(temporary.filter(Files::isRegularFile).filter(Files::isReadable)
                        .filter(file -> file.getFileName().toString().endsWith(".conf"))
                        .filter(file -> holds(file, redis.password())))
                        .as("files in the temporary folder holding this start's password").isEmpty();
            }
        }
    }

    @Test
    void aPortTakenBeforeRedisBindsItIsPickedAgain(@TempDir Path folder) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int freePort = free.getLocalPort();
            free.close();
            Iterator<Integer> picks = List.of(taken.getLocalPort(), taken.getLocalPort(), freePort).iterator();
            try (EmbeddedRedis redis = EmbeddedRedis.start(folder.resolve("data"), picks::next);
                    Jedis client = client(redis)) {
                assertThat(redis.port()).isEqualTo(freePort);
                assertThat(client.ping()).isEqualTo("PONG");
            }
        }
    }

    private static boolean holds(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // after the command's closing parenthesis: state, parent, process group, session
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    /** The redis-server a running server was started from: the library's copy in the temporary folder. */
    private static Path copyOfRedisServer(long pid) {
        Path binary = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow());
        assertThat(binary.getParent().getParent()).as("a folder of its own in the temporary folder")
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        return binary;
    }

    private static Jedis client(EmbeddedRedis redis) {
        return new Jedis(new HostAndPort("127.0.0.1", redis.port()),
                DefaultJedisClientConfig.builder().password(redis.password()).build());
    }

    /** A start that is killed: it writes one key, says its Redis's process id, and waits to be killed. */
    static final class KilledStart {
        public static void main(String[] args) throws Exception {
            EmbeddedRedis redis = EmbeddedRedis.start(Path.of(args[0]));
            try (Jedis client = client(redis)) {
                client.set("written-before-the-kill", "kept");
            }
            List<ProcessHandle> servers = ProcessHandle.current().children().toList();
            System.out.println("redis " + servers.get(0).pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
