package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;
import redis.clients.jedis.UnifiedJedis;

/**
 * The bot started as README says, from what {@code package} left (run by Surefire in the integration-test phase, after it): the extracted jar, the
 * shipped JVM settings and Spring's ahead-of-time bean definitions from {@code signpost.args}, with its start-up
 * archive mapped and its compiler directives in force, in an empty working folder on free ports. Ready on the management port, it answers a real Bot
 * Framework activity through a loopback connector, and stops on SIGTERM leaving no process behind. Once with the
 * embedded Redis, once with REDIS_URL naming a real server: the conditions AOT fixed at build time hold for both.
 */
class ShippedStartIT {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Wording SHIPPED = new Messages(ContentFolder.shipped()).wording("en-GB");
    /** README's run-the-jar command, in backticks: environment variables, then java and its arguments. */
    static final Pattern README_COMMAND = Pattern.compile("`((?:[A-Z_]+=\\S+ )*)java (@bot/target/signpost/\\S+ "
            + "-jar bot/target/signpost/signpost-bot\\.jar)`");

    @TempDir
    Path work;

    @Test
    void theShippedStartWithItsEmbeddedRedisAnswersAndStopsCleanly() throws Exception {
        try (FakeConnector connector = new FakeConnector()) {
            Started bot = start(Map.of());
            try {
                assertThat(bot.redisChildren()).as("its embedded Redis").isNotEmpty();
                assertSupportReply(bot, connector);
            } finally {
                bot.stop();
            }
        }
    }

    @Test
    @EnabledIf("org.signpost.bot.RedisProcesses#installed")
    void theShippedStartWithAnExternalRedisAnswersAndStartsNoRedisOfItsOwn() throws Exception {
        try (FakeConnector connector = new FakeConnector();
                RedisProcesses redis = new RedisProcesses(Files.createDirectories(work.resolve("redis")))) {
            RedisProcesses.Server server = redis.redis("external");
            Started bot = start(Map.of(
                    "REDIS_URL", "redis://" + RedisProcesses.BOT_USER + ":" + RedisProcesses.BOT_PASSWORD
                            + "@127.0.0.1:" + server.port(),
                    "SIGNPOST_KEYS_SEALING_KEY", TestKeys.SEALING,
                    "SIGNPOST_SURVEY_TOKEN_SECRET", TestKeys.TOKEN));
            try {
                assertThat(bot.redisChildren()).as("an embedded Redis").isEmpty();
                assertSupportReply(bot, connector);
                try (UnifiedJedis admin = server.admin()) {
                    assertThat(admin.dbSize()).as("keys the bot wrote to the external server").isPositive();
                }
            } finally {
                bot.stop();
            }
            assertThat(bot.folder().resolve("data")).as("an embedded Redis's data folder").doesNotExist();
        }
    }

    private static void assertSupportReply(Started bot, FakeConnector connector) {
        Activities teams = new Activities(connector.serviceUrl(), "29:shipped", "Sam", "aad-shipped");
        assertThat(new Endpoint(bot.port()).post(teams.botAdded("a:shipped")).statusCode()).isEqualTo(200);
        assertThat(connector.sentTo("a:shipped")).as("what the bot sent").isNotEmpty()
                .anySatisfy(sent -> assertThat(sent.cardText())
                        .contains(SHIPPED.text("support.title"), SHIPPED.text("support.intro")));
    }

    /** README's command, its paths from the repository's top, run in an empty folder on free ports. */
    private Started start(Map<String, String> environment) throws Exception {
        Matcher readme = README_COMMAND.matcher(Files.readString(REPOSITORY.resolve("README.md")));
        assertThat(readme.find()).as("README's run command").isTrue();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : readme.group(2).split(" ")) {
            command.add(argument.replace("bot/target/", REPOSITORY.resolve("bot/target") + "/"));
        }
        Path folder = Files.createDirectories(work.resolve("bot"));
        Path log = work.resolve("bot.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SIGNPOST_") || name.startsWith("Microsoft")
                || name.equals("REDIS_URL"));
        for (String assignment : readme.group(1).trim().split(" ")) {
            if (!assignment.isEmpty()) {
                env.put(assignment.substring(0, assignment.indexOf('=')),
                        assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        int port = freePort();
        int managementPort = freePort();
        env.put("PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        env.putAll(environment);

        Process process = builder.start();
        Started bot = new Started(process, port, folder, log);
        try {
            bot.awaitReady(managementPort);
            assertThat(bot.output()).as("Spring's ahead-of-time bean definitions in use").contains(
                    "Starting AOT-processed " + SignpostApplication.class.getSimpleName());
            assertThat(Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps")))
                    .as("the start-up archive mapped").contains(archive(command));
            assertDirectivesInForce(process, command);
        } catch (Throwable notReady) {
            bot.stop();
            throw notReady;
        }
        return bot;
    }

    /** The archive signpost.args names (the class-data sharing archive, or JDK 25's AOT cache). */
    private static String archive(List<String> command) throws IOException {
        Matcher archive = Pattern.compile("-XX:(?:SharedArchiveFile|AOTCache)=(\\S+)")
                .matcher(Files.readString(args(command)));
        assertThat(archive.find()).as("signpost.args names an archive").isTrue();
        assertThat(Path.of(archive.group(1))).exists();
        return archive.group(1);
    }

    /**
     * The compiler directives signpost.args names, as the running JVM holds them: every pattern of the file's
     * directives listed, and C2 excluded for them (HotSpot's own account, through jcmd).
     */
    private static void assertDirectivesInForce(Process process, List<String> command) throws Exception {
        Matcher named = Pattern.compile("-XX:CompilerDirectivesFile=(\\S+)").matcher(Files.readString(args(command)));
        assertThat(named.find()).as("signpost.args names compiler directives").isTrue();
        Path file = Path.of(named.group(1));
        assertThat(file).as("the directives file beside signpost.args").hasParent(args(command).getParent());
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Compiler.directives_print").redirectErrorStream(true).start();
        String held = new String(jcmd.getInputStream().readAllBytes());
        assertThat(jcmd.waitFor(1, TimeUnit.MINUTES)).isTrue();
        Matcher pattern = Pattern.compile("\"([\\w/$]+\\*?\\.\\*)\"").matcher(Files.readString(file));
        List<String> patterns = new ArrayList<>();
        while (pattern.find()) {
            patterns.add(pattern.group(1));
        }
        assertThat(patterns).as("the file's patterns").isNotEmpty();
        assertThat(held).as("the directives the bot runs with").contains(patterns).contains("Exclude:true");
    }

    private static Path args(List<String> command) {
        return Path.of(command.stream().filter(argument -> argument.startsWith("@")).findFirst().orElseThrow()
                .substring(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Started(Process process, int port, Path folder, Path log) {

        void awaitReady(int managementPort) throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest readiness = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("still running:\n%s", output()).isTrue();
                try {
                    if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new AssertionError("not ready within 3 minutes:\n" + output());
        }

        List<ProcessHandle> redisChildren() {
            return process.descendants().filter(child -> child.info().command()
                    .map(command -> command.contains("redis-server")).orElse(false)).toList();
        }

        /** SIGTERM, as a container runtime or systemd stops it: a graceful stop, its children with it. */
        void stop() throws Exception {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            boolean stopped = process.waitFor(1, TimeUnit.MINUTES);
            if (!stopped) {
                process.destroyForcibly();
            }
            List<ProcessHandle> left = children.stream().filter(child -> !exits(child)).toList();
            left.forEach(ProcessHandle::destroyForcibly);
            assertThat(stopped).as("stopped on SIGTERM:\n%s", output()).isTrue();
            assertThat(left).as("processes it left running").isEmpty();
            assertThat(output()).doesNotContain(" ERROR ");
        }

        /** Whether it has exited or does within 5 s (a child the JVM stopped may exit just after it). */
        private static boolean exits(ProcessHandle child) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
