package org.signpost.bot.connector;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outbound calls to the Teams connector: timeouts, bounded concurrency and retries, in one place. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorSettings.class)
class ConnectorConfiguration {

    @Bean(destroyMethod = "close")
    ConnectorClients connectorClients(ConnectorSettings settings) {
        return new ConnectorClients(settings, RetryInterceptor.realTime(settings.retryPolicy()));
    }
}
