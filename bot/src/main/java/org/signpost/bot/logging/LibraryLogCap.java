package org.signpost.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Caps what libraries may log, whatever levels are configured: at DEBUG and TRACE the web server, Spring
 * MVC, the Bot Framework SDK, OkHttp, MSAL, Jedis and OpenNLP write request and response bytes, headers,
 * tokens and payloads. Only loggers under {@code detailAllowed} (Signpost's own, and Spring's start-up
 * wiring) get below INFO; loggers under {@code errorsOnly} (which write unauthenticated input even at
 * WARN) get ERROR only. A denied check also makes {@code isTraceEnabled()} false, so nothing is even
 * formatted.
 */
public final class LibraryLogCap extends TurboFilter {

    private List<String> detailAllowed = List.of("org.signpost");
    private List<String> errorsOnly = List.of();
    /** Logger names are few and fixed; the floor of each is decided once. */
    private final Map<String, Level> floors = new ConcurrentHashMap<>();

    public void setDetailAllowed(String loggerPrefixes) {
        this.detailAllowed = split(loggerPrefixes);
        floors.clear();
    }

    public void setErrorsOnly(String loggerPrefixes) {
        this.errorsOnly = split(loggerPrefixes);
        floors.clear();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || level == null) {
            return FilterReply.NEUTRAL;
        }
        // asked on every logging call, enabled or not (a few dozen a turn): a plain read first, as computeIfAbsent
        // locks the bin whenever the name is not its first entry
        Level floor = floors.get(logger.getName());
        if (floor == null) {
            floor = floors.computeIfAbsent(logger.getName(), this::floor);
        }
        return level.isGreaterOrEqual(floor) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    private Level floor(String loggerName) {
        if (under(loggerName, errorsOnly)) {
            return Level.ERROR;
        }
        return under(loggerName, detailAllowed) ? Level.TRACE : Level.INFO;
    }

    private static boolean under(String loggerName, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> loggerName.equals(p) || loggerName.startsWith(p + "."));
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
