package org.signpost.bot.messaging;

import org.springframework.core.env.Environment;

/**
 * The Bot Framework registration, under the names Azure uses ({@code MicrosoftAppId}, ...). No app id
 * means a local trial (Agents Playground, Emulator): no tokens, loopback only.
 */
record BotCredentials(String appId, String password, String tenantId, String appType) {

    static BotCredentials from(Environment environment) {
        return new BotCredentials(environment.getProperty("MicrosoftAppId", ""),
                environment.getProperty("MicrosoftAppPassword", ""),
                environment.getProperty("MicrosoftAppTenantId", ""),
                environment.getProperty("MicrosoftAppType", ""));
    }

    boolean trial() {
        return appId.isBlank();
    }

    /** Single-tenant registrations get their tokens from their own tenant's authority. */
    boolean singleTenant() {
        return "SingleTenant".equalsIgnoreCase(appType) || (!tenantId.isBlank() && !"MultiTenant".equalsIgnoreCase(appType));
    }
}
