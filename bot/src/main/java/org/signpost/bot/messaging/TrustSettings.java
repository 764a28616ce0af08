package org.signpost.bot.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Who the endpoint trusts and how much it reads.
 *
 * @param allowRemoteInTrial without an app id, also listen beyond 127.0.0.1, answer requests from other
 *                           hosts and web pages, and reply to non-loopback service URLs; anyone could then
 *                           forge a sender or make the bot post anywhere
 * @param allowMultiTenant   accept a multi-tenant Bot Framework registration (MicrosoftAppType=MultiTenant,
 *                           or an app id without a tenant id)
 * @param maxActivitySize    larger request bodies are refused with 413
 * @param loginAuthority     where single-tenant tokens come from (a sovereign cloud has its own)
 */
@ConfigurationProperties("signpost.trust")
record TrustSettings(
        @DefaultValue("false") boolean allowRemoteInTrial,
        @DefaultValue("false") boolean allowMultiTenant,
        @DefaultValue("256KB") DataSize maxActivitySize,
        @DefaultValue("https://login.microsoftonline.com") String loginAuthority) {
}
