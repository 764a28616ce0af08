package org.signpost.bot.messaging;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the bot may send replies. In a local trial only to loopback addresses, judged from the URL as
 * written (never by resolving a name, which an attacker's DNS could point anywhere).
 */
final class ServiceUrlPolicy {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

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
        return !loopbackOnly || isLoopback(uri.getHost());
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || IPV4_LOOPBACK.matcher(h).matches();
    }
}
