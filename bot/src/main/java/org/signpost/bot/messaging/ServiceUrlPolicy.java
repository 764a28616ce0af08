package org.signpost.bot.messaging;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the bot may send replies. In a local trial only to loopback addresses, judged from the URL as
 * written (never by resolving a name, which an attacker's DNS could point anywhere).
 *
 * <p>A verdict depends on the URL's text alone, and every turn asks twice (the endpoint and the adapter) about
 * one of the few service URLs a bot sees: each verdict is kept, and past {@link #MOST} the memory starts again,
 * so a stream of odd URLs cannot grow it.
 */
final class ServiceUrlPolicy {

    static final int MOST = 256;

    private final boolean loopbackOnly;
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    ServiceUrlPolicy(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    boolean allows(String serviceUrl) {
        if (serviceUrl == null) {
            return false;
        }
        Boolean known = verdicts.get(serviceUrl);
        if (known != null) {
            return known;
        }
        boolean verdict = judge(serviceUrl);
        if (verdicts.size() >= MOST) {
            verdicts.clear();
        }
        verdicts.put(serviceUrl, verdict);
        return verdict;
    }

    private boolean judge(String serviceUrl) {
        URI uri;
        try {
            uri = URI.create(serviceUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        return !loopbackOnly || Loopback.host(uri.getHost());
    }

    /** How many verdicts are kept now (for tests). */
    int kept() {
        return verdicts.size();
    }
}
