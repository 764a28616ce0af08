package org.signpost.bot.signin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in to the web pages (HR's under {@code /hr}, facilitators' beside them).
 *
 * @param local        a local account (the embedded default and local trials)
 * @param entra        OpenID Connect with Microsoft Entra ID (production)
 * @param maxFailures  failed sign-ins allowed per username and per address within {@code failureWindow}
 *                     before further attempts are refused until the window has passed
 */
@ConfigurationProperties("signpost.signin")
record SignInSettings(@DefaultValue Local local, @DefaultValue Entra entra, @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow) {

    /**
     * @param username     the local HR account's name; with none configured and no Entra ID, one is made
     *                     at first start
     * @param passwordHash its password as a bcrypt hash (never the password itself)
     * @param accountFile  where a generated account's bcrypt hash is kept, owner-only; never inside
     *                     Redis's data folder
     * @param roles        the roles the local account holds ({@code hr}, {@code facilitator}, {@code auditor}, ...)
     */
    record Local(String username, String passwordHash, @DefaultValue("keys/hr-account") Path accountFile,
            @DefaultValue("hr") List<String> roles) {
    }

    /**
     * @param tenantId     the Entra tenant; the issuer is {@code https://login.microsoftonline.com/<tenant>/v2.0}
     * @param issuerUri    the OpenID issuer, if not Entra's public cloud
     * @param roles        role ({@code hr}, {@code facilitator}, {@code ambassador}, {@code auditor}) to the
     *                     Entra group object ids or app-role values that grant it
     */
    record Entra(String tenantId, String clientId, String clientSecret, String issuerUri,
            @DefaultValue Map<String, List<String>> roles) {

        boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }

        String issuer() {
            if (issuerUri != null && !issuerUri.isBlank()) {
                return issuerUri;
            }
            if (tenantId == null || tenantId.isBlank()) {
                throw new IllegalStateException("Set signpost.signin.entra.tenant-id for sign-in with Entra ID");
            }
            return "https://login.microsoftonline.com/" + tenantId + "/v2.0";
        }
    }

    SignInSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("signpost.signin.max-failures must be at least 1");
        }
        for (String role : entra.roles().keySet()) {
            Role.named(role);
        }
        local.roles().forEach(Role::named);
    }

    boolean localEnabled() {
        return !entra.enabled() || (local.username() != null && !local.username().isBlank());
    }
}
