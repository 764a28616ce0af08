package org.signpost.bot.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import com.microsoft.bot.builder.MessageFactory;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.references.ProactiveMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The endpoint's trust: Bot Framework tokens with an app id; loopback only without one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrustSettings.class)
class MessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

    @Bean
    BotCredentials botCredentials(Environment environment) {
        BotCredentials credentials = BotCredentials.from(environment);
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

    @Bean
    SignpostAdapter signpostAdapter(Environment environment, BotCredentials credentials, TrustSettings trust,
            ServiceUrlPolicy serviceUrls, Messages messages, MeterRegistry registry) {
        SignpostAdapter adapter = new SignpostAdapter(new EnvironmentConfiguration(environment), credentials, trust,
                serviceUrls);
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
    ProactiveMessages proactiveMessages(SignpostAdapter adapter, BotCredentials credentials, MeterRegistry registry) {
        return new AdapterProactiveMessages(adapter, credentials.appId(), registry);
    }

    /** A local trial listens on 127.0.0.1 only, unless an address is configured or remote use is allowed. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> trialListensOnLoopback(BotCredentials credentials,
            TrustSettings trust, Environment environment) {
        return factory -> {
            if (credentials.trial() && !trust.allowRemoteInTrial() && !environment.containsProperty("server.address")) {
                factory.setAddress(InetAddress.getLoopbackAddress());
            }
        };
    }
}
