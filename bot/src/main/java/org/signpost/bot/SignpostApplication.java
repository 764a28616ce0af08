package org.signpost.bot;

import java.util.Arrays;
import org.signpost.bot.audit.AuditCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;

/**
 * Signpost: a Teams bot that signposts support and runs anonymous staff surveys. {@code audit} as the first
 * argument runs the privacy audit instead ({@link AuditCommand}); {@code start-and-stop} starts it and stops it
 * again, cleanly, as soon as it is ready, ignoring the environment variables (the training start of the class-data
 * sharing archive, which {@code package} makes).
 *
 * <p>Auto-configurations for what Signpost does not use are left out, so a start configures less
 * (docs/benchmarks.md, "Start-up"): the info endpoint and its build and git contributors (not exposed), a
 * task scheduler and its observations (nothing is scheduled), SSL bundles' health and metrics (there are no
 * bundles), a Jackson 2 mapper for the actuator endpoints (they use Jackson 3's) and AOP proxies (no aspects).
 */
@SpringBootApplication(exclude = {InfoContributorAutoConfiguration.class, ProjectInfoAutoConfiguration.class,
        TaskSchedulingAutoConfiguration.class, ScheduledTasksObservationAutoConfiguration.class,
        SslHealthContributorAutoConfiguration.class, SslMetricsAutoConfiguration.class,
        AopAutoConfiguration.class},
        // deprecated for removal, so named: Spring refuses to start when a named exclusion is no auto-configuration
        excludeName = "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration")
public class SignpostApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit")) {
            System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        // The SDK fetches the Bot Framework's OpenID document and signing keys with HttpURLConnection and no
        // timeouts, holding a lock every token check waits on: a hung fetch would stall every request for good.
        // These defaults bound any such connection that sets no timeout of its own.
        System.setProperty("sun.net.client.defaultConnectTimeout",
                System.getProperty("sun.net.client.defaultConnectTimeout", "5000"));
        System.setProperty("sun.net.client.defaultReadTimeout",
                System.getProperty("sun.net.client.defaultReadTimeout", "10000"));
        if (args.length > 0 && args[0].equals("start-and-stop")) {
            System.exit(startAndStop(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(SignpostApplication.class, args);
    }

    /**
     * The archive's training start, which {@code package} runs: without the
     * environment variables, which are the bot's settings where it runs ({@code REDIS_URL}, an app id, keys), so that
     * it starts on its own throwaway data whatever the shell that builds it has set.
     */
    static int startAndStop(String... args) {
        SpringApplication training = new SpringApplication(SignpostApplication.class);
        training.addListeners(event -> {
            if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                prepared.getEnvironment().getPropertySources()
                        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
            }
        });
        return SpringApplication.exit(training.run(args));
    }
}
