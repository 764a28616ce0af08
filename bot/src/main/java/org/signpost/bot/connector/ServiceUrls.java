package org.signpost.bot.connector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Service URLs parsed once: OkHttp's parse canonicalises the host (IDN) on every call, ~1% of a turn. A bot
 * sees only a few; past {@link #MOST} the memory starts again, so a stream of odd ones cannot grow it.
 */
final class ServiceUrls {

    private static final int MOST = 256;

    private final Map<String, HttpUrl> parsed = new ConcurrentHashMap<>();

    /** The service URL parsed (an unparseable one throws, as {@link HttpUrl#get} does). */
    HttpUrl of(String serviceUrl) {
        HttpUrl known = parsed.get(serviceUrl);
        if (known != null) {
            return known;
        }
        HttpUrl url = HttpUrl.get(serviceUrl);
        if (parsed.size() >= MOST) {
            parsed.clear();
        }
        parsed.put(serviceUrl, url);
        return url;
    }
}
