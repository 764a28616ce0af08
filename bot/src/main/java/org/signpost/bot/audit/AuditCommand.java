package org.signpost.bot.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.signpost.bot.redis.AuditLog;
import org.signpost.bot.redis.EmbeddedRedis;
import org.signpost.bot.redis.RedisSettings;
import org.signpost.bot.redis.RedisUrl;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code java -jar signpost-bot.jar audit [--out=folder] [settings]}: the privacy audit for an operator,
 * with the app's own settings (application.properties, environment variables, {@code --name=value}). It
 * prints the summary, writes the report's JSON and summary into {@code --out} if given, and exits with 0
 * when no rule failed, 1 when one did, 2 when the audit could not run.
 *
 * <p>With an external Redis (REDIS_URL) it reads the live store and records its run in the audit log. With
 * the embedded Redis, whose password only the running app knows, it reads the store from a private copy of
 * the data folder (loaded by a Redis of its own, then deleted) and the data folder itself; it cannot write
 * to that store's audit log, and says so: the auditor's page records its runs.
 */
public final class AuditCommand {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int COULD_NOT_RUN = 2;
    private static final String AOT_ENABLED = "spring.aot.enabled";

    /** Only the settings: none of the app's beans, no web server, no rounds opened. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RedisSettings.class, AuditSettings.class, SurveyPromises.class})
    static class Settings {
    }

    private AuditCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        // Spring's ahead-of-time bean definitions (every shipped start turns them on) are the bot's web app, not this settings-only
        // context: with them the audit could not start, so it always builds its context as it is written
        SpringProperties.setProperty(AOT_ENABLED, "false");
        try {
            return audit(args, out);
        } finally {
            SpringProperties.setProperty(AOT_ENABLED, null);
        }
    }

    private static int audit(String[] args, PrintStream out) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
            Environment environment = context.getEnvironment();
            AuditReport report = audit(context.getBean(RedisSettings.class), context.getBean(SurveyPromises.class),
                    context.getBean(AuditSettings.class), environment, out);
            out.print(report.text());
            Optional<String> folder = Optional.ofNullable(environment.getProperty("out")).filter(text -> !text.isBlank());
            if (folder.isPresent()) {
                Path written = Files.createDirectories(Path.of(folder.get()));
                String stem = "signpost-privacy-audit-" + report.madeAt().toString().replace(":", "");
                Files.write(written.resolve(stem + ".json"), report.json());
                Files.write(written.resolve(stem + ".txt"), report.textBytes());
                out.println(report.wording().text("audit.written", Map.of("folder", written.toString())));
            }
            return report.verdict() == Verdict.FAIL ? FAILED : PASSED;
        } catch (RuntimeException | IOException e) {
            out.println("The privacy audit could not run: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return COULD_NOT_RUN;
        }
    }

    private static AuditReport audit(RedisSettings redis, SurveyPromises survey, AuditSettings settings,
            Environment environment, PrintStream out) throws IOException {
        Binder binder = Binder.get(environment);
        ContentFolder content = binder.bind("signpost.conversation.content-folder", Path.class)
                .map(folder -> ContentFolder.withOverrides(folder.toAbsolutePath().normalize()))
                .orElseGet(ContentFolder::shipped);
        Messages messages = new Messages(content);
        Clock clock = Clock.systemUTC();
        if (!redis.embedded()) {
            try (UnifiedJedis live = RedisUrl.parse(redis.url()).connect(redis.client())) {
                Duration retention = binder.bind("signpost.results.audit-retention", Duration.class)
                        .orElse(Duration.ofDays(365));
                Auditor.Setup setup = AuditConfiguration.setup(redis, survey, settings, environment,
                        AuditConfiguration.LIVE, Optional.empty());
                return new Auditor(live, setup, content, messages.wording("en-GB"), clock, AuditConfiguration.recorder(
                        new AuditLog(live, redis.keyPrefix(), retention, clock))).run("operator (audit command)");
            }
        }
        Path data = redis.dataFolder().toAbsolutePath().normalize();
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("There is no data folder at " + data + " (signpost.redis.data-folder)");
        }
        Path copy = Files.createTempDirectory(data.getParent(), ".signpost-audit-", ownerOnly(data));
        try {
            copyFiles(data, copy);
            try (EmbeddedRedis server = EmbeddedRedis.start(copy);
                    UnifiedJedis store = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", server.port()))
                            .clientConfig(DefaultJedisClientConfig.builder().password(server.password()).build())
                            .build()) {
                Auditor.Setup setup = AuditConfiguration.setup(redis, survey, settings, environment,
                        AuditConfiguration.COPY, Optional.of(data));
                return new Auditor(store, setup, content, messages.wording("en-GB"), clock, (who, report) ->
                        out.println(messages.wording("en-GB").text("audit.notRecorded"))).run("operator (audit command)");
            }
        } finally {
            delete(copy);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path)) {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the audit's copy of the data in " + folder, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path near) {
        return near.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }
}
