package org.signpost.bot.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import com.microsoft.bot.builder.MessageFactory;
import org.signpost.bot.connector.ConnectorClients;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.conversation.SignpostBot;
import org.signpost.dialogs.references.ProactiveMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.web.firewall.HttpFirewall;

/** The endpoint's trust: Bot Framework tokens with an app id; loopback only without one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TrustSettings.class, TurnSettings.class})
class MessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

    @Bean
    BotCredentials botCredentials(Environment environment, TrustSettings trust) {
        BotCredentials credentials = BotCredentials.from(environment, trust);
        if (credentials.trial()) {
            log.info("No MicrosoftAppId: running as a local trial, unauthenticated and on loopback only");
        }
        return credentials;
    }

    @Bean
    ServiceUrlPolicy serviceUrlPolicy(BotCredentials credentials, TrustSettings trust) {
        return new ServiceUrlPolicy(credentials.trial() && !trust.allowRemoteInTrial());
    }

    @Bean
    ActivityReader activityReader() {
        return new ActivityReader();
    }

    /** Turns run on Tomcat's request threads, so they may hold only some of them (Tomcat's default is 200). */
    @Bean
    TurnSlots turnSlots(TurnSettings settings, MeterRegistry registry, Environment environment) {
        settings.checkBelow(environment.getProperty("server.tomcat.threads.max", Integer.class, 200));
        return new TurnSlots(settings, registry);
    }

    @Bean(destroyMethod = "close")
    TurnWatchdog turnWatchdog(TurnSettings settings) {
        return new TurnWatchdog(settings.requestTimeout());
    }

    /** The endpoint the channels post to; a request whose turn has not ended in time gets 503 (see the servlet). */
    @Bean
    ServletRegistrationBean<MessagesEndpoint> messagesEndpoint(HttpFirewall firewall, SignpostAdapter adapter,
            SignpostBot bot, ActivityReader reader, ServiceUrlPolicy serviceUrls, TrustSettings trust,
            TurnSlots turns, TurnWatchdog watchdog) {
        ServletRegistrationBean<MessagesEndpoint> registration = new ServletRegistrationBean<>(
                new MessagesEndpoint(firewall, adapter, bot, reader, serviceUrls, trust, turns, watchdog),
                MessagesEndpoint.PATH);
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    SignpostAdapter signpostAdapter(Environment environment, BotCredentials credentials, TrustSettings trust,
            ServiceUrlPolicy serviceUrls, Messages messages, MeterRegistry registry, TurnSlots turns,
            ConnectorClients connectorClients) {
        SignpostAdapter adapter = new SignpostAdapter(new EnvironmentConfiguration(environment), credentials, trust,
                serviceUrls, turns, connectorClients);
        adapter.use(new TurnMetrics(registry));
        adapter.setOnTurnError((turn, error) -> {
            log.error("A turn failed: {}", SafeErrors.describe(error));
            // a short apology and the support line, in the person's language
            String apology = messages.wording(turn.getActivity().getLocale()).text("error.apology");
            return turn.sendActivity(MessageFactory.text(apology)).thenApply(sent -> null);
        });
        return adapter;
    }

    @Bean
    OneShotMessages oneShotMessages(SignpostAdapter adapter, BotCredentials credentials) {
        return new OneShotMessages(adapter, credentials.appId());
    }

    @Bean
    TeamConversations teamConversations(SignpostAdapter adapter, BotCredentials credentials, ConnectorClients clients) {
        return new TeamConversations(adapter, credentials.appId(), clients);
    }

    @Bean
    ProactiveMessages proactiveMessages(SignpostAdapter adapter, BotCredentials credentials, MeterRegistry registry) {
        return new AdapterProactiveMessages(adapter, credentials.appId(), registry);
    }

    /**
     * A local trial listens on 127.0.0.1 only. An address beyond loopback would expose an endpoint with no
     * authentication at all, so it is refused unless remote use is explicitly allowed.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> trialListensOnLoopback(BotCredentials credentials,
            TrustSettings trust, Environment environment) {
        boolean loopbackOnly = credentials.trial() && !trust.allowRemoteInTrial();
        String address = environment.getProperty("server.address", "").strip();
        if (loopbackOnly && !address.isEmpty() && !isLoopback(address)) {
            throw new IllegalStateException("server.address (SERVER_ADDRESS) is " + address + ", beyond loopback, "
                    + "but there is no MicrosoftAppId: this is a local trial, which has no authentication, so it "
                    + "listens on 127.0.0.1 only. Set the Bot Framework registration to run for real, or set "
                    + "SIGNPOST_TRUST_ALLOW_REMOTE_IN_TRIAL=true to expose the unauthenticated trial anyway (unsafe: "
                    + "anyone who can reach it can post as anyone).");
        }
        return factory -> {
            if (loopbackOnly && address.isEmpty()) {
                factory.setAddress(InetAddress.getLoopbackAddress());
            }
        };
    }

    /** In a local trial every request must come from this machine (Host and Origin): see the filter. */
    @Bean
    FilterRegistrationBean<LoopbackOnlyFilter> loopbackOnlyInTrial(BotCredentials credentials, TrustSettings trust) {
        FilterRegistrationBean<LoopbackOnlyFilter> registration = new FilterRegistrationBean<>(new LoopbackOnlyFilter());
        registration.setEnabled(credentials.trial() && !trust.allowRemoteInTrial());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static boolean isLoopback(String address) {
        try {
            // the operator's own setting, so resolving a name here is fine (unlike a header's)
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
