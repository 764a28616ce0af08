package org.signpost.bot.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.signpost.bot.TestRedis;
import org.signpost.bot.messaging.LocalIdentityProvider;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.SurveyCatalog;
import org.signpost.dialogs.survey.SurveyDefinition;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a load or resilience run stands on, all on loopback: Microsoft's identity services (OpenID document,
 * signing key, token endpoint), the Teams connector, a Redis server, and bots started as production runs
 * them (an app id, single-tenant, signed tokens, Redis by URL).
 */
final class LoadSetup implements AutoCloseable {

    static final String APP_ID = "00000000-0000-0000-0000-0000000010ad";
    static final String ROUND = "load";
    static final SurveyDefinition SURVEY = new SurveyCatalog(ContentFolder.shipped()).load("staff-survey");
    /** The echo bot's JVM: the SDK's sample as anyone would start it, with a bounded heap. */
    static final List<String> ECHO_JVM = List.of("-Xmx512m");

    final Path work;
    final LocalIdentityProvider identity;
    final LoadConnector connector = new LoadConnector();
    final EmbeddedRedis redis;
    final String authorization;
    private final List<BotProcess> bots = new CopyOnWriteArrayList<>();
    private final Set<String> dumped = ConcurrentHashMap.newKeySet();

    LoadSetup(String name) {
        try {
            work = Files.createDirectories(Path.of("target", name + "-" + System.currentTimeMillis()).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        identity = LocalIdentityProvider.start(work);
        redis = EmbeddedRedis.start(work.resolve("redis"));
        // one token for the whole run, as the channel reuses its token for an hour
        authorization = "Bearer " + identity.sign(identity.channelToken(APP_ID, connector.serviceUrl()));
    }

    BotProcess signpost(String name) {
        return signpost(name, redis.port());
    }

    /** A Signpost instance that reaches Redis on this port (a fault proxy's, say). */
    BotProcess signpost(String name, int redisPort) {
        return signpost(name, redisPort, signpostJvm(), signpostEnvironment());
    }

    /** A Signpost instance with other JVM options and environment than it ships with (JvmSettingsRun). */
    BotProcess signpost(String name, List<String> jvmOptions, Map<String, String> environment) {
        return signpost(name, redis.port(), jvmOptions, environment);
    }

    /** The same, with further Spring properties (another round, a content folder, a local HR account). */
    BotProcess signpost(String name, List<String> jvmOptions, Map<String, String> environment,
            Map<String, String> extraProperties) {
        return signpost(name, redis.port(), jvmOptions, environment, extraProperties);
    }

    private BotProcess signpost(String name, int redisPort, List<String> jvmOptions, Map<String, String> environment) {
        return signpost(name, redisPort, jvmOptions, environment, Map.of());
    }

    private BotProcess signpost(String name, int redisPort, List<String> jvmOptions, Map<String, String> environment,
            Map<String, String> extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>(common());
        properties.put("signpost.redis.url", "redis://:" + redis.password() + "@127.0.0.1:" + redisPort);
        properties.put("signpost.redis.data-folder", work.resolve(name + "-data").toString());
        properties.put("signpost.survey.token-secret", "load-run-token-secret-of-forty-characters!");
        properties.put("signpost.keys.sealing-key", "load-run-sealing-key-of-forty-characters!!");
        properties.put("signpost.survey.rounds[0].id", ROUND);
        properties.put("signpost.survey.rounds[0].survey", "staff-survey");
        properties.put("signpost.survey.rounds[0].state", "open");
        properties.put("signpost.trust.login-authority", identity.loginAuthority());
        properties.putAll(extraProperties);
        Optional<Path> shipped = shipped();
        if (shipped.isPresent() && jvmOptions.equals(signpostJvm())) {
            // signpost.args carries the shipped JVM flags itself
            return started(BotProcess.startShipped(name, shipped.get(), properties, jvm(name, List.of()), environment,
                    work));
        }
        return started(BotProcess.start(name, "org.signpost.bot.SignpostApplication", properties, jvm(name, jvmOptions),
                environment, work));
    }

    /**
     * With {@code -Dload.shipped=true}, Signpost's instances start from the package's folder as README starts them
     * (the load profile passes the folder); otherwise from this module's classes with the shipped JVM flags, which
     * needs no {@code package} first but has neither the start-up archive nor the ahead-of-time code.
     */
    static Optional<Path> shipped() {
        return Boolean.getBoolean("load.shipped")
                ? Optional.of(Path.of(System.getProperty("load.shipped-folder", "target/signpost")))
                : Optional.empty();
    }

    BotProcess echo(String name) {
        Map<String, String> properties = new LinkedHashMap<>(common());
        properties.put("echo.login-authority", identity.loginAuthority());
        // not Signpost's application.properties, which is on the same class path
        properties.put("spring.config.name", "echo");
        return started(BotProcess.start(name, "org.signpost.echo.EchoBotApplication", properties, jvm(name, ECHO_JVM), work));
    }

    /** A channel token for activities whose replies go to this service URL. */
    String authorizationFor(String serviceUrl) {
        return "Bearer " + identity.sign(identity.channelToken(APP_ID, serviceUrl));
    }

    Traffic traffic(Traffic.Kind kind, int people, String runId) {
        return new Traffic(kind, connector.serviceUrl(), ROUND, SURVEY, people, runId);
    }

    /**
     * What to keep when a request to {@code bot} goes unanswered: the bot's threads and this JVM's (clients,
     * connector) at that moment, the first time for each bot, in the run's folder.
     */
    Runnable evidenceOfUnanswered(BotProcess bot) {
        return () -> {
            if (!dumped.add(bot.name())) {
                return;
            }
            bot.threadDump(work.resolve(bot.name() + "-unanswered-bot-threads.txt"));
            StringBuilder harness = new StringBuilder();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                harness.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    harness.append("    at ").append(frame).append('\n');
                }
                harness.append('\n');
            });
            try {
                Files.writeString(work.resolve(bot.name() + "-unanswered-harness-threads.txt"), harness);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("thread dumps of " + bot.name() + " and the harness, taken while unanswered: " + work);
        };
    }

    long submissions() {
        try (UnifiedJedis client = TestRedis.client(redis)) {
            String counted = client.hget("signpost:agg:{" + ROUND + "}:meta", "submissions");
            return counted == null ? 0 : Long.parseLong(counted);
        }
    }

    /**
     * CPU time the Redis server(s) this JVM started have used, in milliseconds (Linux; 0 where unknown), with that
     * of the children they have forked and reaped (the append-only file's rewrites).
     */
    static long redisCpuMillis() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .mapToLong(server -> Math.max(0, BotProcess.cpuMillis(server.pid(), true))).sum();
    }

    static final double TICKS_PER_SECOND = 100;

    /**
     * The machine's CPU time so far, in clock ticks of all cores together (Linux {@code /proc/stat}): in processes
     * (user, nice, system), in interrupts (irq, softirq), idle (idle, iowait), and stolen by the hypervisor.
     */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            long[] t = new long[9];
            for (int i = 1; i < t.length; i++) {
                t[i] = Long.parseLong(f[i]);
            }
            return new long[] {t[1] + t[2] + t[3], t[6] + t[7], t[4] + t[5], t[8]};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** CPU time this JVM (the harness: clients, connector, identity) has used, in milliseconds. */
    static long ownCpuMillis() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    static Duration duration(String property, Duration otherwise) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? otherwise : Duration.parse(value);
    }

    static int integer(String property, int otherwise) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value);
    }

    private Map<String, String> common() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("MicrosoftAppId", APP_ID);
        properties.put("MicrosoftAppPassword", "load-app-secret");
        properties.put("MicrosoftAppTenantId", Traffic.TENANT);
        properties.put("MicrosoftAppType", "SingleTenant");
        properties.put("BotOpenIdMetadata", identity.openIdMetadataUrl());
        properties.put("server.address", "127.0.0.1");
        return properties;
    }

    /** Signpost's JVM settings as shipped (bot/pom.xml's signpost.jvm.flags, passed on by the load profile). */
    static List<String> signpostJvm() {
        String flags = System.getProperty("load.signpost-jvm", "");
        if (flags.isBlank()) {
            throw new IllegalStateException("load.signpost-jvm is not set: run with -Pload (see docs/benchmarks.md)");
        }
        return List.of(flags.strip().split("\\s+"));
    }

    /**
     * The environment Signpost ships with for its JVM (bot/pom.xml's signpost.jvm.malloc-arenas, passed on by the
     * load profile as {@code VAR=value ...}).
     */
    static Map<String, String> signpostEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : System.getProperty("load.signpost-env", "").strip().split("\\s+")) {
            if (pair.contains("=")) {
                environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return environment;
    }

    /** The bot's safepoints and collections, with wall-clock times (see {@link Pauses}). */
    Path pauseLog(String name) {
        return work.resolve(name + "-pauses.log");
    }

    private List<String> jvm(String name, List<String> base) {
        List<String> options = new ArrayList<>(base);
        options.add(Pauses.options(pauseLog(name)));
        if (Boolean.getBoolean("load.jfr")) {
            // a profile of the whole run: jfr print --events jdk.ExecutionSample <file>; without DebugNonSafepoints
            // a sample inside inlined code is put on the nearest safepoint's line, often in another method
            options.add("-XX:+UnlockDiagnosticVMOptions");
            options.add("-XX:+DebugNonSafepoints");
            options.add("-XX:StartFlightRecording=filename=" + work.resolve(name + ".jfr") + ",settings=profile");
        }
        if (NativeMemory.enabled()) {
            options.add(NativeMemory.option());
        }
        options.addAll(identity.trustStoreOptions());
        return options;
    }

    private BotProcess started(BotProcess bot) {
        bots.add(bot);
        return bot;
    }

    /** Every bot it started is stopped too, so that a failed run leaves no JVM behind. */
    @Override
    public void close() {
        bots.stream().filter(BotProcess::alive).forEach(BotProcess::close);
        connector.close();
        identity.close();
        redis.close();
    }
}
