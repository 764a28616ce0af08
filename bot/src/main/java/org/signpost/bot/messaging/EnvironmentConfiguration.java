package org.signpost.bot.messaging;

import com.microsoft.bot.integration.Configuration;
import java.util.Properties;
import org.springframework.core.env.Environment;

/** The SDK's configuration read from Spring's environment, so environment variables work (the SDK reads only a classpath file). */
final class EnvironmentConfiguration implements Configuration {

    private static final String[] KEYS = {"MicrosoftAppId", "MicrosoftAppPassword", "ChannelService", "BotOpenIdMetadata"};

    private final Environment environment;

    EnvironmentConfiguration(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String getProperty(String key) {
        return environment.getProperty(key);
    }

    @Override
    public Properties getProperties() {
        Properties properties = new Properties();
        for (String key : KEYS) {
            String value = environment.getProperty(key);
            if (value != null) {
                properties.setProperty(key, value);
            }
        }
        return properties;
    }

    @Override
    public String[] getProperties(String key) {
        String value = environment.getProperty(key);
        return value == null ? null : value.split(",");
    }
}
