package org.signpost.bot.messaging;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host, as written in a URL or a header, is this machine's loopback: judged from the text
 * alone, never by resolving a name (an attacker's DNS can point any name at 127.0.0.1, and back).
 */
final class Loopback {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

    private Loopback() {
    }

    /** A host name or address: {@code localhost}, {@code 127.x.x.x}, {@code [::1]} or {@code ::1}. */
    static boolean host(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || IPV4_LOOPBACK.matcher(h).matches();
    }

    /** A {@code Host} header: a loopback host with an optional port. */
    static boolean hostHeader(String header) {
        if (header == null) {
            return false;
        }
        String host = header.strip();
        int portAt = host.startsWith("[") ? host.indexOf(']') + 1 : host.indexOf(':');
        if (portAt > 0 && portAt < host.length()) {
            if (!PORT.matcher(host.substring(portAt)).matches()) {
                return false;
            }
            host = host.substring(0, portAt);
        }
        return host(host);
    }

    /** An {@code Origin} header: an http(s) origin on a loopback host ("null" is not one). */
    static boolean origin(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && host(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
