package org.signpost.bot.messaging;

import java.net.URI;
import java.util.Locale;

/**
 * Where the bot may send replies. In a local trial only to loopback addresses, judged from the URL as
 * written (never by resolving a name, which an attacker's DNS could point anywhere).
 */
final class ServiceUrlPolicy {

    private final boolean loopbackOnly;

    ServiceUrlPolicy(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    boolean allows(String serviceUrl) {
        URI uri;
        try {
            uri = URI.create(serviceUrl == null ? "" : serviceUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        return !loopbackOnly || Loopback.host(uri.getHost());
    }
}
