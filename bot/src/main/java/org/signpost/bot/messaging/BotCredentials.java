package org.signpost.bot.messaging;

import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * The Bot Framework registration, under the names Azure uses ({@code MicrosoftAppId}, ...). No app id
 * means a local trial (Agents Playground, Emulator): no tokens, loopback only. With an app id the
 * registration must be single-tenant unless multi-tenant is explicitly allowed: a multi-tenant bot can be
 * reached from any Microsoft 365 organisation, and new ones can no longer be registered.
 */
record BotCredentials(String appId, String password, String tenantId, boolean singleTenant) {

    static BotCredentials from(Environment environment, TrustSettings trust) {
        String appId = environment.getProperty("MicrosoftAppId", "").strip();
        String password = environment.getProperty("MicrosoftAppPassword", "");
        String tenantId = environment.getProperty("MicrosoftAppTenantId", "").strip();
        String appType = environment.getProperty("MicrosoftAppType", "").strip().toLowerCase(Locale.ROOT);
        if (appId.isEmpty()) {
            return new BotCredentials("", "", "", false);
        }
        if (!environment.getProperty("ChannelService", "").isBlank()) {
            throw new IllegalStateException("ChannelService is set, but only the public Azure Bot Service is "
                    + "supported: the SDK's government and enterprise channel checks are not used here.");
        }
        boolean singleTenant = switch (appType) {
            case "singletenant" -> true;
            case "multitenant" -> false;
            case "" -> !tenantId.isEmpty();
            default -> throw new IllegalStateException("MicrosoftAppType=" + appType + " is not supported: use "
                    + "SingleTenant (with MicrosoftAppTenantId), as Azure Bot registrations are made today.");
        };
        if (singleTenant && tenantId.isEmpty()) {
            throw new IllegalStateException("MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId: the tenant "
                    + "whose authority issues the bot's tokens.");
        }
        if (!singleTenant && !trust.allowMultiTenant()) {
            throw new IllegalStateException("This is a multi-tenant Bot Framework registration (MicrosoftAppType="
                    + "MultiTenant, or an app id without MicrosoftAppTenantId). Signpost expects a single-tenant "
                    + "one: a multi-tenant bot can be reached from any Microsoft 365 organisation, and new ones can "
                    + "no longer be registered. Set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId, or, "
                    + "for an old multi-tenant registration you mean to keep, SIGNPOST_TRUST_ALLOW_MULTI_TENANT=true.");
        }
        return new BotCredentials(appId, password, singleTenant ? tenantId : "", singleTenant);
    }

    boolean trial() {
        return appId.isBlank();
    }

    @Override
    public String toString() {
        return trial() ? "a local trial" : singleTenant ? "a single-tenant registration" : "a multi-tenant registration";
    }
}
